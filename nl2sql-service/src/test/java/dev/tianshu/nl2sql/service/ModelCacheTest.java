package dev.tianshu.nl2sql.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.nl2sql.model.SemanticModel;
import dev.tianshu.nl2sql.repository.ConversationRepository.Conversation;
import dev.tianshu.nl2sql.sql.ModelSqlCheckTest;
import io.vertx.core.json.JsonObject;

/** Compiled models: kept per conversation, shared by conversations started with an equal model. */
public class ModelCacheTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final ModelCache cache = new ModelCache(mapper);

    @Test
    void conversationsWithAnEqualModelShareOneCompiledModel() {
        ModelCache.Compiled first = cache.remember("a".repeat(32), ModelSqlCheckTest.highway("mysql"));
        ModelCache.Compiled second = cache.remember("b".repeat(32), ModelSqlCheckTest.highway("mysql"));
        ModelCache.Compiled other = cache.remember("c".repeat(32), ModelSqlCheckTest.highway("clickhouse"));

        assertSame(first, second);
        assertNotSame(first, other);
        assertSame(first, cache.get("b".repeat(32)));
        assertEquals("clickhouse", cache.get("c".repeat(32)).model().type());
        assertNull(cache.get("d".repeat(32)));
    }

    @Test
    void aConversationStartedOnAnotherReplicaIsCompiledFromItsStoredModel() {
        SemanticModel model = ModelSqlCheckTest.highway("postgresql");
        JsonObject stored = new JsonObject(mapper.convertValue(model, Map.class));

        ModelCache.Compiled compiled = cache.of(new Conversation("e".repeat(32), "chinese", stored, null, 0));

        assertEquals(model, compiled.model());
        assertSame(compiled, cache.get("e".repeat(32)));
        assertSame(compiled, cache.remember("f".repeat(32), model));
    }
}
