package dev.tianshu.trainingdata.embedding;

import static dev.tianshu.trainingdata.TrainingDataTestSupport.create;
import static dev.tianshu.trainingdata.TrainingDataTestSupport.post;
import static dev.tianshu.trainingdata.TrainingDataTestSupport.sql;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.tianshu.trainingdata.TrainingDataTestSupport;
import dev.tianshu.trainingdata.service.EmbeddingService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With provider openai the items and questions are embedded by the configured OpenAI-compatible endpoint. */
@QuarkusTest
@TestProfile(OpenAiEmbeddingTest.OpenAiProvider.class)
@QuarkusTestResource(value = OpenAiEmbeddingStub.class, restrictToAnnotatedClass = true)
class OpenAiEmbeddingTest {

    public static class OpenAiProvider implements QuarkusTestProfile {
    }

    @Inject
    TrainingDataTestSupport support;

    @Inject
    EmbeddingService embeddings;

    @Test
    void itemsAndQuestionsAreEmbeddedByTheEndpoint() {
        support.reset();
        assertEquals("openai:" + OpenAiEmbeddingStub.MODEL, embeddings.modelName());
        assertEquals(OpenAiEmbeddingStub.DIMENSION, embeddings.dimension());
        OpenAiEmbeddingStub.INPUTS.clear();

        String id = create(List.of(sql("各服务区的档口数量", "SELECT service_name, count(*) FROM t GROUP BY 1"),
                Map.of("training_data_type", "documentation", "content", "档口表记录服务区内的商铺"))).get(0);
        // the question of a pair and the content of a document are what gets embedded
        assertTrue(OpenAiEmbeddingStub.INPUTS.containsAll(List.of("各服务区的档口数量", "档口表记录服务区内的商铺")),
                OpenAiEmbeddingStub.INPUTS.toString());
        assertEquals(1, support.rows("SELECT count(*) FROM training_item WHERE embedding_model = 'openai:"
                + OpenAiEmbeddingStub.MODEL + "' AND length(embedding) = " + 4 * OpenAiEmbeddingStub.DIMENSION
                + " AND id = '" + id + "'"));

        post("/search", Map.of("question", "各服务区的档口数量", "types", List.of("sql"))).statusCode(200)
                .body("data.results[0].id", is(id))
                .body("data.results[0].score", is(1.0f));
        assertTrue(OpenAiEmbeddingStub.INPUTS.contains("各服务区的档口数量"));
    }
}
