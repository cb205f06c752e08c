package dev.tianshu.nl2sql.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.tianshu.nl2sql.sql.ModelSqlCheckTest;
import io.quarkus.test.junit.QuarkusTest;

/** The service as configured by default (no tianshu.llm.base-url): the LLM path is off and answers nothing. */
@QuarkusTest
class LlmOffTest {

    @Inject
    LlmSqlEngine engine;

    @Test
    void offWithoutABaseUrl() {
        assertFalse(engine.enabled());
        assertEquals(Optional.empty(), engine.answer(ModelSqlCheckTest.highway("mysql"), "chinese", List.of(),
                List.of(), "去年的车流量"));
    }
}
