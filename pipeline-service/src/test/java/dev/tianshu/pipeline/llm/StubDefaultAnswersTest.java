package dev.tianshu.pipeline.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tianshu.common.testing.OpenAiChatStub;
import dev.tianshu.common.testing.OpenAiChatStubResource;
import dev.tianshu.common.testing.PostgresTestResource;
import dev.tianshu.pipeline.model.DbConnection;
import dev.tianshu.pipeline.model.QaPair;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.Theme;
import dev.tianshu.pipeline.step.ddl.LlmCommentGenerator;
import dev.tianshu.pipeline.step.qa.LlmQuestionSqlGenerator;
import dev.tianshu.pipeline.step.qa.SchemaDocs;
import dev.tianshu.pipeline.step.validation.LlmSqlRepairer;
import dev.tianshu.pipeline.step.validation.SqlRepairer.FailedSql;
import dev.tianshu.pipeline.testing.BusinessDbs;
import dev.tianshu.pipeline.testing.OpenAiChatStubDefaultAnswers;
import dev.tianshu.pipeline.testing.OpenAiChatStubProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The stub's built-in answers (what a benchmark or a whole pipeline run gets) satisfy every engine: comments for
 * every column, themes over the listed tables, pairs whose SQL is valid PostgreSQL on the demo highway_db
 * (checked with EXPLAIN), a decision prompt, and one repair per failing statement.
 */
@QuarkusTest
@TestProfile(OpenAiChatStubProfile.class)
class StubDefaultAnswersTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    LlmCommentGenerator comments;

    @Inject
    LlmQuestionSqlGenerator questions;

    @Inject
    LlmSqlRepairer repairer;

    OpenAiChatStub stub;

    @BeforeEach
    void reset() {
        stub = OpenAiChatStubResource.stub();
        stub.reset();
        stub.withFallback(OpenAiChatStubDefaultAnswers::answer);
    }

    @Test
    void commentsForEveryColumn() {
        TableDoc doc = comments.comment(LlmTestData.serviceArea(), LlmTestData.CONTEXT).await().atMost(WAIT);
        assertEquals("bss_service_area业务数据表，记录相关业务信息", doc.tableComment());
        assertEquals("service_state字段", doc.columnComment("service_state"));
        assertEquals("主键ID", doc.columnComment("id"));
        doc.table().columns().forEach(c -> assertFalse(doc.columnComment(c.name()).isBlank(), c.name()));
    }

    @Test
    void themesAndPairsAreValidPostgresqlOnHighwayDb() throws SQLException {
        SchemaDocs highway = LlmTestData.highwayExampleRun();
        assumeTrue(highway != null, "needs ../shared beside the clone");

        List<Theme> themes = questions.themes(highway, LlmTestData.CONTEXT, 5).await().atMost(WAIT);
        assertEquals(5, themes.size());
        List<QaPair> pairs = new ArrayList<>();
        for (Theme theme : themes) {
            List<QaPair> forTheme = questions.pairs(highway, LlmTestData.CONTEXT, theme, 10).await().atMost(WAIT);
            assertEquals(10, forTheme.size(), theme.topicName());
            pairs.addAll(forTheme);
        }
        assertEquals(50, pairs.stream().map(QaPair::question).distinct().count());
        assertTrue(pairs.stream().anyMatch(p -> p.sql().contains("GROUP BY")), "not only counts");
        assertTrue(pairs.stream().anyMatch(p -> p.sql().contains("SUM(")), "not only counts");

        String database = DbConnection.parse(BusinessDbs.highway()).database();
        List<String> invalid = new ArrayList<>();
        try (Connection c = PostgresTestResource.server().connect(database); Statement s = c.createStatement()) {
            for (QaPair pair : pairs) {
                try {
                    s.execute("EXPLAIN " + pair.sql());
                } catch (SQLException e) {
                    invalid.add(pair.sql() + " → " + e.getMessage());
                }
                assertTrue(!pair.sql().contains("FROM bss_section_route_area_link WHERE delete_ts")
                        && (pair.sql().contains("delete_ts IS NULL") || pair.sql().contains("area_link")), pair.sql());
            }
        }
        assertEquals(List.of(), invalid);

        String decision = questions.decisionPrompt(highway, LlmTestData.CONTEXT, themes).await().atMost(WAIT);
        assertTrue(decision.startsWith("=== 数据库业务范围 ===\n当前数据库存储的是" + LlmTestData.CONTEXT), decision);
    }

    @Test
    void oneRepairPerFailingStatement() {
        List<FailedSql> failed = List.of(new FailedSql("q1", "SELECT a FROM t1;", "e1"),
                new FailedSql("q2", "SELECT b\nFROM t2", "e2"), new FailedSql("q3", "SELECT c FROM t3;", "e3"));
        assertEquals(List.of("SELECT a FROM t1;", "SELECT b FROM t2;", "SELECT c FROM t3;"),
                repairer.repair(failed, "create table t1 (a int);").await().atMost(WAIT));
    }
}
