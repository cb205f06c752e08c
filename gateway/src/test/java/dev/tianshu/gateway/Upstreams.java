package dev.tianshu.gateway;

import static io.restassured.RestAssured.given;

import org.eclipse.microprofile.config.ConfigProvider;

/** Direct access to the test upstreams' control endpoints (see {@link UpstreamServers}). */
final class Upstreams {

    private Upstreams() {
    }

    static String url(String upstream) {
        return ConfigProvider.getConfig().getValue("tianshu.gateway.upstreams." + upstream, String.class);
    }

    /** How many requests for {@code path} the upstream received completely. */
    static int count(String upstream, String path) {
        return given().baseUri(url(upstream)).queryParam("path", path).get("/_control/count")
                .then().statusCode(200).extract().path("count");
    }

    static void ackSseEvent(String upstream, String streamId, int n) {
        given().baseUri(url(upstream)).queryParam("id", streamId).queryParam("n", n).post("/_control/sse-ack")
                .then().statusCode(200);
    }
}
