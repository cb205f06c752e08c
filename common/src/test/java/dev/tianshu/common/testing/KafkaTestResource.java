package dev.tianshu.common.testing;

import java.util.Map;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Kafka broker (KRaft, one combined node) for Quarkus tests: the one named by {@code TIANSHU_TEST_KAFKA}, or
 * else an in-process broker started with Kafka's own test kit, shared by every test of the JVM.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static String bootstrapServers;

    /** The broker's bootstrap servers, started on first use. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            String external = System.getenv("TIANSHU_TEST_KAFKA");
            bootstrapServers = external != null && !external.isBlank() ? external : startInProcess();
        }
        return bootstrapServers;
    }

    private static String startInProcess() {
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                // a broker failing while it stops must not end the test JVM with its own exit status
                Exit.setExitProcedure((status, message) -> { });
                Exit.setHaltProcedure((status, message) -> { });
                try {
                    cluster.close();
                } catch (Exception e) {
                    // the JVM is going away
                }
            }, "stop-kafka"));
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-process Kafka broker", e);
        }
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // shared by every test of the JVM; stopped when the JVM exits
    }
}
