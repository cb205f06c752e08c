package dev.tianshu.trainingdata.rest;

import static dev.tianshu.trainingdata.TrainingDataTestSupport.post;
import static dev.tianshu.trainingdata.TrainingDataTestSupport.sql;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tianshu.trainingdata.TrainingDataTestSupport;
import dev.tianshu.trainingdata.service.ItemValidator;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A sql item must be one read-only query: the parser-based check refuses a corpus of hostile statements through the
 * API, with the seed's message for UPDATE/DELETE/DROP/ALTER and a message of their own for the rest, while
 * error_sql items are stored exactly as given.
 */
@QuarkusTest
class SqlSafetyApiTest {

    /** Refused with the seed's fixed message. */
    static final List<String> UPDATE_DELETE_DROP_ALTER = List.of(
            "UPDATE users SET status = 'x'",
            "update users set status = 'x' where id = 1",
            "  \n\tUPDATE users SET a = 1",
            "DELETE FROM users",
            "delete from users where id in (select id from users)",
            "-- 清理\nDELETE FROM users WHERE id = 1",
            "/* harmless */ DROP TABLE users",
            "DROP TABLE IF EXISTS users CASCADE",
            "DROP SCHEMA public CASCADE",
            "drop view v_users",
            "ALTER TABLE users ADD COLUMN x int",
            "alter table users drop column name",
            "ALTER TABLE users RENAME TO people",
            "WITH d AS (DELETE FROM users RETURNING *) SELECT * FROM d",
            "WITH u AS (UPDATE users SET a = 1 RETURNING *) SELECT count(*) FROM u");

    /** Refused, each with a message of its own kind. */
    static final List<String> OTHER_HOSTILE = List.of(
            "INSERT INTO users (id) VALUES (1)",
            "insert into users select * from users",
            "TRUNCATE users",
            "truncate table users restart identity",
            "CREATE TABLE x AS SELECT * FROM users",
            "CREATE TABLE x (id int)",
            "CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql",
            "CREATE EXTENSION dblink",
            "GRANT ALL ON users TO public",
            "REVOKE SELECT ON users FROM public",
            "COPY users TO '/tmp/users.csv'",
            "COPY (SELECT 1) TO PROGRAM 'sh -c id'",
            "SELECT 1; DROP TABLE users",
            "SELECT 1;DELETE FROM users;",
            "SELECT 1; -- \n DROP TABLE users",
            "SELECT * FROM users; SELECT * FROM orders",
            "SELECT pg_sleep(10)",
            "SELECT * FROM users WHERE pg_sleep(1) IS NOT NULL",
            "SELECT pg_catalog.pg_sleep(5)",
            "WITH s AS (SELECT pg_sleep(3)) SELECT * FROM s",
            "SELECT 1 UNION ALL SELECT pg_sleep(2)::text::int",
            "SELECT * FROM dblink('host=evil', 'select 1') AS t(a int)",
            "SELECT dblink_exec('DROP TABLE users')",
            "SELECT pg_read_file('/etc/passwd')",
            "SELECT lo_import('/etc/passwd')",
            "SELECT nextval('users_id_seq')",
            "SELECT set_config('statement_timeout', '0', false)",
            "SELECT query_to_xml('delete from users', true, true, '')",
            "SELECT pg_terminate_backend(1)",
            "SELECT * INTO users_copy FROM users",
            "SELECT * FROM users FOR UPDATE",
            "LOCK TABLE users",
            "EXPLAIN ANALYZE DELETE FROM users",
            "SET statement_timeout = 0",
            "CALL cleanup()",
            "VACUUM users",
            "SELCT * FROM users",
            "SELECT FROM WHERE");

    @Inject
    TrainingDataTestSupport support;

    @BeforeEach
    void emptyStore() {
        support.reset();
    }

    @Test
    void corpusIsLargeEnough() {
        assertTrue(UPDATE_DELETE_DROP_ALTER.size() + OTHER_HOSTILE.size() >= 40);
    }

    @Test
    void updateDeleteDropAlterGetTheSeedMessage() {
        List<String> errors = createAll(UPDATE_DELETE_DROP_ALTER);
        for (int i = 0; i < errors.size(); i++) {
            assertEquals(ItemValidator.FORBIDDEN_SQL, errors.get(i), UPDATE_DELETE_DROP_ALTER.get(i));
        }
    }

    @Test
    void otherHostileStatementsAreRefusedWithTheirOwnMessage() {
        List<String> errors = createAll(OTHER_HOSTILE);
        for (int i = 0; i < errors.size(); i++) {
            String statement = OTHER_HOSTILE.get(i);
            String error = errors.get(i);
            assertFalse(error == null || error.isBlank(), statement);
            assertFalse(error.equals(ItemValidator.FORBIDDEN_SQL) && !statement.contains("DROP")
                    && !statement.contains("DELETE"), statement + " → " + error);
        }
    }

    @Test
    void readOnlyQueriesAreAccepted() {
        List<Map<String, Object>> items = new ArrayList<>();
        List<String> queries = List.of(
                "SELECT * FROM users WHERE delete_ts IS NULL",
                "select service_name as 服务区名称, sum(pay_sum) as 总营收 from bss_business_day_data "
                        + "where oper_date >= current_date - 7 group by service_name order by 总营收 desc;",
                "WITH t AS (SELECT 1 AS a) SELECT a FROM t",
                "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT n FROM r",
                "SELECT date_trunc('month', created_at)::date AS 月份, count(*) FILTER (WHERE status = 'ok') FROM t GROUP BY 1",
                "SELECT a FROM t1 UNION SELECT a FROM t2 ORDER BY a LIMIT 10",
                "SELECT 1 /* ; DROP TABLE users */");
        for (int i = 0; i < queries.size(); i++) {
            items.add(sql("只读查询" + i, queries.get(i)));
        }
        post("/create", Map.of("data", items)).statusCode(200)
                .body("data.failed_count", is(0))
                .body("data.results.success", everyItem(is(true)));
    }

    @Test
    void errorSqlIsStoredAsGiven() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (String statement : List.of("DELETE FROM users", "SELCT * FROM users", "SELECT 1; DROP TABLE users")) {
            items.add(Map.of("training_data_type", "error_sql", "question", "错误示例: " + statement, "sql", statement));
        }
        post("/create", Map.of("data", items)).statusCode(200).body("data.successfully_created", is(3));
        assertEquals(3, support.rows("SELECT count(*) FROM training_item WHERE training_data_type = 'error_sql'"
                + " AND content IN ('DELETE FROM users', 'SELCT * FROM users', 'SELECT 1; DROP TABLE users')"));
    }

    private static List<String> createAll(List<String> statements) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            items.add(sql("危险语句" + i, statements.get(i)));
        }
        List<String> errors = post("/create", Map.of("data", items)).statusCode(200)
                .body("data.successfully_created", is(0))
                .body("data.failed_count", is(statements.size()))
                .extract().jsonPath().getList("data.results.error", String.class);
        assertEquals(statements.size(), errors.size());
        return errors;
    }
}
