package dev.tianshu.trainingdata;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.tianshu.common.event.EventEnvelope;
import dev.tianshu.common.event.EventEnvelopeDeserializer;
import dev.tianshu.common.event.EventEnvelopeSerializer;
import dev.tianshu.trainingdata.service.SearchIndex;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;

/** Shared moves of this module's tests: an empty store, requests, and Kafka clients on the test broker. */
@ApplicationScoped
public class TrainingDataTestSupport {

    @Inject
    Pool pool;

    @Inject
    SearchIndex index;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** Empties the store (items and change log) and this replica's index; waits for the index to be loaded. */
    public void reset() {
        await().atMost(Duration.ofSeconds(60)).until(index::ready);
        List<String> ids = new ArrayList<>();
        pool.query("SELECT id FROM training_item").execute().await().indefinitely()
                .forEach(row -> ids.add(row.getString(0)));
        pool.query("TRUNCATE training_item, training_change").execute().await().indefinitely();
        index.removeAll(ids);
    }

    public long rows(String sql) {
        return pool.query(sql).execute().await().indefinitely().iterator().next().getLong(0);
    }

    public static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v0/training_data" + path).then();
    }

    public static Map<String, Object> sql(String question, String sql) {
        return Map.of("training_data_type", "sql", "question", question, "sql", sql);
    }

    /** Creates the items (≤ 50) and returns their ids in order. */
    public static List<String> create(List<Map<String, Object>> items) {
        return post("/create", Map.of("data", items)).statusCode(200)
                .extract().jsonPath().getList("data.results.training_id", String.class);
    }

    public KafkaProducer<String, EventEnvelope> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, EventEnvelopeSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /** A consumer of {@code topic} from its beginning, in a group of its own. */
    public KafkaConsumer<String, EventEnvelope> consumer(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + java.util.UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, EventEnvelopeDeserializer.class.getName());
        KafkaConsumer<String, EventEnvelope> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Polls until {@code done} holds for the records seen so far (at most 60 s). */
    public static List<ConsumerRecord<String, EventEnvelope>> pollUntil(KafkaConsumer<String, EventEnvelope> consumer,
            java.util.function.Predicate<List<ConsumerRecord<String, EventEnvelope>>> done) {
        List<ConsumerRecord<String, EventEnvelope>> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return done.test(seen);
        });
        return seen;
    }

    public void send(String topic, String key, EventEnvelope event) {
        try (KafkaProducer<String, EventEnvelope> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, key, event)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
