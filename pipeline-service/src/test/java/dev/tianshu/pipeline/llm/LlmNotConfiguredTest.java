package dev.tianshu.pipeline.llm;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.tianshu.pipeline.model.Theme;
import dev.tianshu.pipeline.step.ddl.LlmCommentGenerator;
import dev.tianshu.pipeline.step.qa.LlmQuestionSqlGenerator;
import dev.tianshu.pipeline.step.validation.LlmSqlRepairer;
import dev.tianshu.pipeline.step.validation.SqlRepairer.FailedSql;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The default test profile has no TIANSHU_LLM_BASE_URL: the service starts, every LLM engine says it is not
 * available, and using one fails at once with LlmNotConfigured.
 */
@QuarkusTest
class LlmNotConfiguredTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    LlmClient llm;

    @Inject
    LlmCommentGenerator comments;

    @Inject
    LlmQuestionSqlGenerator questions;

    @Inject
    LlmSqlRepairer repairer;

    @Test
    void theServiceStartsWithEveryLlmEngineUnavailable() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        assertFalse(llm.configured());
        assertFalse(comments.available());
        assertFalse(questions.available());
        assertFalse(repairer.available());
        assertEquals("llm:gpt-4o-mini", comments.engine());
    }

    @Test
    void usingAnEngineFailsAtOnce() {
        Theme theme = new Theme("t", "d", List.of("bss_company"), List.of(), List.of());
        assertThrows(LlmNotConfigured.class, () -> llm.chat("s", "u").await().atMost(WAIT));
        assertThrows(LlmNotConfigured.class,
                () -> comments.comment(LlmTestData.serviceArea(), "x").await().atMost(WAIT));
        assertThrows(LlmNotConfigured.class,
                () -> questions.themes(LlmTestData.twoTables(), "x", 5).await().atMost(WAIT));
        assertThrows(LlmNotConfigured.class,
                () -> questions.pairs(LlmTestData.twoTables(), "x", theme, 5).await().atMost(WAIT));
        assertThrows(LlmNotConfigured.class,
                () -> questions.decisionPrompt(LlmTestData.twoTables(), "x", List.of(theme)).await().atMost(WAIT));
        assertThrows(LlmNotConfigured.class,
                () -> repairer.repair(List.of(new FailedSql("q", "SELEC 1", "e")), "").await().atMost(WAIT));
    }
}
