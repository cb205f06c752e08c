package dev.tianshu.trainingdata.event;

import static dev.tianshu.trainingdata.TrainingDataTestSupport.create;
import static dev.tianshu.trainingdata.TrainingDataTestSupport.post;
import static dev.tianshu.trainingdata.TrainingDataTestSupport.pollUntil;
import static dev.tianshu.trainingdata.TrainingDataTestSupport.sql;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.event.EventEnvelope;
import dev.tianshu.common.training.TrainingEvents;
import dev.tianshu.common.training.TrainingItemChanged;
import dev.tianshu.common.training.TrainingItemInput;
import dev.tianshu.common.training.TrainingLoadCommand;
import dev.tianshu.common.training.TrainingLoadResult;
import dev.tianshu.trainingdata.TrainingDataTestSupport;
import dev.tianshu.trainingdata.service.EmbeddingService;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The Kafka side: change events for every write, an index that follows changes other replicas publish, the outbox
 * sweep, and idempotent load commands answered with per-type counts.
 */
@QuarkusTest
class KafkaContractTest {

    @Inject
    TrainingDataTestSupport support;

    @Inject
    ObjectMapper mapper;

    @Inject
    Pool pool;

    @Inject
    EmbeddingService embeddings;

    @Inject
    ChangePublisher publisher;

    @Inject
    dev.tianshu.trainingdata.service.Reembedder reembedder;

    @BeforeEach
    void emptyStore() {
        support.reset();
    }

    @Test
    void everyWritePublishesAChangeEventKeyedByItemId() {
        try (KafkaConsumer<String, EventEnvelope> consumer = support.consumer(TrainingEvents.CHANGES_TOPIC)) {
            String id = create(List.of(sql("事件测试" + UUID.randomUUID(), "SELECT 1 AS a"))).get(0);
            String newId = post("/update", Map.of("id", id, "training_data_type", "documentation",
                    "content", "事件测试文档 " + UUID.randomUUID())).statusCode(200)
                    .extract().path("data.new_training_id");
            post("/delete", Map.of("ids", List.of(newId), "confirm", true)).statusCode(200);

            List<ConsumerRecord<String, EventEnvelope>> seen = pollUntil(consumer, records -> records.stream()
                    .anyMatch(r -> r.key().equals(newId) && r.value().type().equals(TrainingEvents.ITEM_DELETED)));
            EventEnvelope created = find(seen, id, TrainingEvents.ITEM_CREATED);
            EventEnvelope updated = find(seen, newId, TrainingEvents.ITEM_UPDATED);
            EventEnvelope deleted = find(seen, newId, TrainingEvents.ITEM_DELETED);
            TrainingItemChanged c = created.payloadAs(TrainingItemChanged.class, mapper);
            assertEquals("created", c.op());
            assertEquals("sql", c.trainingDataType());
            assertEquals("SELECT 1 AS a", c.content());
            assertEquals("api", c.source());
            TrainingItemChanged u = updated.payloadAs(TrainingItemChanged.class, mapper);
            assertEquals(id, u.previousId());
            assertEquals("documentation", u.trainingDataType());
            TrainingItemChanged d = deleted.payloadAs(TrainingItemChanged.class, mapper);
            assertNull(d.content());
            assertEquals(1, created.version());
        }
        // acknowledged events are marked published in the outbox
        await().atMost(Duration.ofSeconds(30))
                .until(() -> support.rows("SELECT count(*) FROM training_change WHERE published_at IS NULL") == 0);
    }

    @Test
    void theIndexFollowsChangesWrittenByAnotherReplica() {
        String question = "另一个副本写入的问题: 各档口的客单价是多少";
        String sqlText = "SELECT branch_name, sum(pay_sum) / nullif(sum(order_sum), 0) FROM bss_business_day_data GROUP BY 1";
        String id = new dev.tianshu.trainingdata.model.NewItem(dev.tianshu.trainingdata.model.TrainingType.SQL,
                question, sqlText, "api").id();
        float[] vector = embeddings.embed(question).await().indefinitely();
        // another replica commits the row and publishes its event; this replica never saw the request
        pool.preparedQuery("INSERT INTO training_item (id, training_data_type, question, content, embedding,"
                + " embedding_model) VALUES ($1, 'sql', $2, $3, $4, $5)")
                .execute(Tuple.of(id, question, sqlText, Buffer.buffer(EmbeddingService.toBytes(vector)),
                        embeddings.modelName()))
                .await().indefinitely();
        support.send(TrainingEvents.CHANGES_TOPIC, id, EventEnvelope.of(TrainingEvents.ITEM_CREATED, 1, id,
                new TrainingItemChanged("created", id, "sql", question, sqlText, null, "api"), mapper));
        await().atMost(Duration.ofSeconds(30)).until(() -> id.equals(
                post("/search", Map.of("question", question, "top_k", 1)).statusCode(200)
                        .extract().path("data.results[0].id")));

        // … and deletes it: the event is re-read against the table, so this replica drops it
        pool.preparedQuery("DELETE FROM training_item WHERE id = $1").execute(Tuple.of(id)).await().indefinitely();
        support.send(TrainingEvents.CHANGES_TOPIC, id, EventEnvelope.of(TrainingEvents.ITEM_DELETED, 1, id,
                new TrainingItemChanged("deleted", id, "sql", null, null, null, "api"), mapper));
        await().atMost(Duration.ofSeconds(30)).until(() -> (Integer) post("/search", Map.of("question", question,
                "top_k", 1, "min_score", 0.99)).statusCode(200).extract().path("data.total") == 0);
    }

    @Test
    void itemsWithoutAnEmbeddingOfTheCurrentModelAreEmbeddedAgain() {
        String question = "旧模型留下的问题: 各服务区的档口数量";
        String id = new dev.tianshu.trainingdata.model.NewItem(dev.tianshu.trainingdata.model.TrainingType.SQL,
                question, "SELECT 1", "api").id();
        pool.preparedQuery("INSERT INTO training_item (id, training_data_type, question, content, embedding,"
                + " embedding_model) VALUES ($1, 'sql', $2, 'SELECT 1', $3, 'some-older-model')")
                .execute(Tuple.of(id, question, Buffer.buffer(new byte[16])))
                .await().indefinitely();
        assertEquals(1, reembedder.run().await().indefinitely());
        assertEquals(1, support.rows("SELECT count(*) FROM training_item WHERE embedding_model = '"
                + embeddings.modelName() + "' AND length(embedding) = 2048"));
        assertEquals(1, support.rows("SELECT count(*) FROM training_change WHERE op = 'updated'"));
        // its change event brings it into the index
        await().atMost(Duration.ofSeconds(30)).until(() -> id.equals(
                post("/search", Map.of("question", question, "top_k", 1)).statusCode(200)
                        .extract().path("data.results[0].id")));
        assertEquals(0, reembedder.run().await().indefinitely());
    }

    @Test
    void theSweepPublishesWhatWasLeftUnpublished() {
        String id = "00000000-0000-5000-8000-00000000abcd-doc";
        try (KafkaConsumer<String, EventEnvelope> consumer = support.consumer(TrainingEvents.CHANGES_TOPIC)) {
            // a change whose request died before publishing it
            pool.query("INSERT INTO training_change (item_id, op, payload, occurred_at) VALUES ('" + id
                    + "', 'deleted', '{\"op\":\"deleted\",\"id\":\"" + id + "\"}', now() - interval '1 minute')")
                    .execute().await().indefinitely();
            publisher.sweep().await().indefinitely();
            pollUntil(consumer, records -> records.stream().anyMatch(r -> r.key().equals(id)));
        }
        assertEquals(0, support.rows("SELECT count(*) FROM training_change WHERE published_at IS NULL"));
    }

    @Test
    void aLoadCommandDeliveredTwiceStoresItsItemsOnce() {
        String taskId = "task_20250721_203452";
        List<TrainingItemInput> items = List.of(
                TrainingItemInput.ddl("CREATE TABLE bss_company (id varchar(32) PRIMARY KEY, company_name varchar(255));",
                        "bss_company.ddl"),
                TrainingItemInput.documentation("## bss_company（公司表）\n记录各分公司。", "bss_company_detail.md"),
                TrainingItemInput.sql("各公司的服务区数量", "SELECT company_id, count(*) FROM bss_service_area GROUP BY 1",
                        "qs_highway_db_pair.json"),
                TrainingItemInput.sql("删掉所有公司", "DELETE FROM bss_company", "qs_highway_db_pair.json"),
                TrainingItemInput.sql("各公司名称", "SELECT company_name FROM bss_company", "qs_highway_db_pair.json"));
        EventEnvelope command = EventEnvelope.of(TrainingEvents.LOAD_REQUESTED, 1, taskId,
                new TrainingLoadCommand(taskId, "batch-1", items), mapper);

        try (KafkaConsumer<String, EventEnvelope> results = support.consumer(TrainingEvents.LOAD_RESULTS_TOPIC)) {
            support.send(TrainingEvents.LOAD_COMMANDS_TOPIC, taskId, command);
            TrainingLoadResult first = result(results, taskId, 1);
            assertEquals(new TrainingLoadResult.TypeCounts(3, 2, 0, 1), first.counts().get("sql"));
            assertEquals(new TrainingLoadResult.TypeCounts(1, 1, 0, 0), first.counts().get("ddl"));
            assertEquals(new TrainingLoadResult.TypeCounts(1, 1, 0, 0), first.counts().get("documentation"));
            assertEquals(1, first.failures().size());
            assertEquals(3, first.failures().get(0).index());
            assertEquals("qs_highway_db_pair.json", first.failures().get(0).sourceFile());
            assertEquals("在训练集中禁止使用\"UPDATE,DELETE,ALERT,DROP\"", first.failures().get(0).error());
            assertEquals(4, support.rows("SELECT count(*) FROM training_item"));
            assertEquals(4, support.rows("SELECT count(*) FROM training_item WHERE source = 'task:" + taskId + "'"));

            // the same record redelivered (same event id) and the same batch sent again (new event id)
            support.send(TrainingEvents.LOAD_COMMANDS_TOPIC, taskId, command);
            support.send(TrainingEvents.LOAD_COMMANDS_TOPIC, taskId, EventEnvelope.of(TrainingEvents.LOAD_REQUESTED,
                    1, taskId, new TrainingLoadCommand(taskId, "batch-1", items), mapper));
            TrainingLoadResult again = result(results, taskId, 2);
            assertEquals(new TrainingLoadResult.TypeCounts(3, 0, 2, 1), again.counts().get("sql"));
            assertEquals(new TrainingLoadResult.TypeCounts(1, 0, 1, 0), again.counts().get("ddl"));
        }
        assertEquals(4, support.rows("SELECT count(*) FROM training_item"));
        assertEquals(4, support.rows("SELECT count(*) FROM training_change"), "no change for items already stored");
    }

    private TrainingLoadResult result(KafkaConsumer<String, EventEnvelope> consumer, String taskId, int nth) {
        List<ConsumerRecord<String, EventEnvelope>> seen = pollUntil(consumer,
                records -> records.stream().filter(r -> taskId.equals(r.key())).count() >= nth);
        ConsumerRecord<String, EventEnvelope> record = seen.stream().filter(r -> taskId.equals(r.key()))
                .skip(nth - 1L).findFirst().orElseThrow();
        assertEquals(TrainingEvents.LOAD_COMPLETED, record.value().type());
        TrainingLoadResult result = record.value().payloadAs(TrainingLoadResult.class, mapper);
        assertEquals(taskId, result.taskId());
        assertEquals("batch-1", result.batchId());
        assertNull(result.error());
        return result;
    }

    private static EventEnvelope find(List<ConsumerRecord<String, EventEnvelope>> records, String key, String type) {
        return records.stream().filter(r -> r.key().equals(key) && r.value().type().equals(type))
                .map(ConsumerRecord::value).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " for " + key));
    }
}
