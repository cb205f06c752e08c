package dev.tianshu.gateway.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamTest {

    @ParameterizedTest
    @CsvSource({
            "http://127.0.0.1:8081, 127.0.0.1, 8081, false",
            "http://pipeline:8081/, pipeline, 8081, false",
            "pipeline-service:8081, pipeline-service, 8081, false",
            "https://chat.internal, chat.internal, 443, true",
            "http://workflow, workflow, 80, false",
    })
    void baseUrlsAndHostPortsAreAccepted(String value, String host, int port, boolean ssl) {
        Upstream upstream = Upstream.parse("x", value, 1000);
        assertEquals(host, upstream.requestOptions().getHost());
        assertEquals(port, upstream.requestOptions().getPort());
        assertEquals(ssl, upstream.requestOptions().isSsl());
    }

    @ParameterizedTest
    @ValueSource(strings = { "ftp://host:21", "http://host:8081/prefix", "http://host:8081?x=1", "", "http://:80" })
    void anythingElseStopsTheStartWithTheKeyInTheMessage(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Upstream.parse("pipeline", value, 1000));
        assertEquals(true, e.getMessage().startsWith("tianshu.gateway.upstreams.pipeline="), e.getMessage());
    }
}
