package dev.tianshu.common.sql;

import dev.tianshu.common.testing.SharedDatasets;
import dev.tianshu.common.testing.Csv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tianshu.common.sql.ReadOnlySql.Kind;
import dev.tianshu.common.sql.ReadOnlySql.Verdict;

class ReadOnlySqlTest {

    private static final Path DEV_JSON = SharedDatasets.path("highway_db", "questions", "dev.json");
    private static final Path DEFOG_CSV = SharedDatasets.path("defog-sql-eval", "data",
            "questions_gen_postgres.csv");

    // ------------------------------------------------------------------------------------------------------------
    // hostile statements

    static Stream<Arguments> hostile() {
        return Stream.of(
                // data modification
                Arguments.of("UPDATE users SET name = 'x'", Kind.MODIFIES_DATA),
                Arguments.of("UPDATE users SET name = 'x' WHERE id = 1 RETURNING *", Kind.MODIFIES_DATA),
                Arguments.of("DELETE FROM users", Kind.MODIFIES_DATA),
                Arguments.of("DELETE FROM users WHERE id IN (SELECT id FROM users)", Kind.MODIFIES_DATA),
                Arguments.of("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a",
                        Kind.MODIFIES_DATA),
                Arguments.of("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE", Kind.MODIFIES_DATA),
                Arguments.of("UPSERT INTO t VALUES (1)", Kind.MODIFIES_DATA),
                Arguments.of("REPLACE INTO t VALUES (1)", Kind.MODIFIES_DATA),
                Arguments.of("INSERT INTO users (id, name) VALUES (1, 'a')", Kind.INSERTS_DATA),
                Arguments.of("INSERT INTO users SELECT * FROM users_backup", Kind.INSERTS_DATA),
                Arguments.of("INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET a = 2", Kind.INSERTS_DATA),
                Arguments.of("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", Kind.INSERTS_DATA),
                // schema changes
                Arguments.of("DROP TABLE users", Kind.MODIFIES_SCHEMA),
                Arguments.of("DROP TABLE IF EXISTS users CASCADE", Kind.MODIFIES_SCHEMA),
                Arguments.of("DROP SCHEMA public CASCADE", Kind.MODIFIES_SCHEMA),
                Arguments.of("DROP DATABASE highway_db", Kind.MODIFIES_SCHEMA),
                Arguments.of("DROP VIEW v", Kind.MODIFIES_SCHEMA),
                Arguments.of("ALTER TABLE users ADD COLUMN x int", Kind.MODIFIES_SCHEMA),
                Arguments.of("ALTER TABLE users DROP COLUMN name", Kind.MODIFIES_SCHEMA),
                Arguments.of("ALTER ROLE x SUPERUSER", Kind.MODIFIES_SCHEMA),
                Arguments.of("ALTER SYSTEM SET fsync = off", Kind.MODIFIES_SCHEMA),
                Arguments.of("COMMENT ON TABLE t IS 'x'", Kind.MODIFIES_SCHEMA),
                Arguments.of("TRUNCATE users", Kind.TRUNCATES),
                Arguments.of("TRUNCATE TABLE users RESTART IDENTITY CASCADE", Kind.TRUNCATES),
                Arguments.of("CREATE TABLE x AS SELECT * FROM users", Kind.CREATES),
                Arguments.of("CREATE TABLE x (id int)", Kind.CREATES),
                Arguments.of("CREATE VIEW v AS SELECT 1", Kind.CREATES),
                Arguments.of("CREATE INDEX i ON users (name)", Kind.CREATES),
                Arguments.of("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql", Kind.CREATES),
                Arguments.of("CREATE OR REPLACE FUNCTION f() RETURNS void AS $body$ BEGIN DELETE FROM t; END $body$ "
                        + "LANGUAGE plpgsql", Kind.CREATES),
                Arguments.of("CREATE EXTENSION dblink", Kind.CREATES),
                Arguments.of("CREATE ROLE r LOGIN SUPERUSER", Kind.CREATES),
                Arguments.of("GRANT SELECT ON users TO public", Kind.GRANTS),
                Arguments.of("GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA public TO x", Kind.GRANTS),
                Arguments.of("REVOKE SELECT ON users FROM public", Kind.GRANTS),
                Arguments.of("COPY users TO '/tmp/x'", Kind.COPIES),
                Arguments.of("COPY (SELECT 1) TO PROGRAM 'sh'", Kind.COPIES),
                Arguments.of("COPY users FROM '/etc/passwd'", Kind.COPIES),
                // several statements
                Arguments.of("SELECT 1; DROP TABLE t", Kind.MULTIPLE_STATEMENTS),
                Arguments.of("SELECT 1;DELETE FROM t;", Kind.MULTIPLE_STATEMENTS),
                Arguments.of("SELECT 1; SELECT 2", Kind.MULTIPLE_STATEMENTS),
                Arguments.of("SELECT 1; COPY t TO '/tmp/x'", Kind.MULTIPLE_STATEMENTS),
                Arguments.of("SELECT 1; -- \n DROP TABLE t", Kind.MULTIPLE_STATEMENTS),
                Arguments.of("SELECT 1 /* x */; /* y */ DROP TABLE t", Kind.MULTIPLE_STATEMENTS),
                // comment tricks
                Arguments.of("/* harmless */ DROP TABLE t", Kind.MODIFIES_SCHEMA),
                Arguments.of("-- comment\nDELETE FROM t", Kind.MODIFIES_DATA),
                Arguments.of("/* SELECT */ UPDATE t SET a = 1", Kind.MODIFIES_DATA),
                Arguments.of("/* /* nested */ still a comment */ DELETE FROM t", Kind.MODIFIES_DATA),
                // data-modifying CTEs and sub-queries
                Arguments.of("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", Kind.MODIFIES_DATA),
                Arguments.of("WITH u AS (UPDATE t SET a=1 RETURNING *) SELECT 1", Kind.MODIFIES_DATA),
                Arguments.of("WITH i AS (INSERT INTO t VALUES (1) RETURNING *) SELECT * FROM i", Kind.INSERTS_DATA),
                Arguments.of("WITH a AS (SELECT 1), d AS (DELETE FROM t RETURNING id) SELECT * FROM a",
                        Kind.MODIFIES_DATA),
                Arguments.of("SELECT * FROM t WHERE a = (WITH d AS (DELETE FROM t RETURNING 1) SELECT 1)",
                        Kind.MODIFIES_DATA),
                // SELECT … INTO, locking
                Arguments.of("SELECT * INTO new_t FROM t", Kind.INSERTS_DATA),
                Arguments.of("SELECT a, b INTO new_t FROM t WHERE a > 1", Kind.INSERTS_DATA),
                Arguments.of("SELECT 1 UNION SELECT * INTO x FROM t", Kind.INSERTS_DATA),
                Arguments.of("SELECT * FROM t FOR UPDATE", Kind.LOCKS),
                Arguments.of("SELECT * FROM t FOR NO KEY UPDATE", Kind.LOCKS),
                Arguments.of("SELECT * FROM t FOR SHARE", Kind.LOCKS),
                Arguments.of("SELECT * FROM t FOR KEY SHARE", Kind.LOCKS),
                Arguments.of("SELECT * FROM t FOR UPDATE SKIP LOCKED", Kind.LOCKS),
                Arguments.of("SELECT * FROM t FOR UPDATE NOWAIT", Kind.LOCKS),
                Arguments.of("SELECT * FROM (SELECT * FROM t FOR SHARE) x", Kind.LOCKS),
                Arguments.of("SELECT (SELECT 1 FROM t FOR UPDATE)", Kind.LOCKS),
                Arguments.of("LOCK TABLE t", Kind.LOCKS),
                Arguments.of("LOCK TABLE t IN ACCESS EXCLUSIVE MODE", Kind.LOCKS),
                // forbidden functions
                Arguments.of("SELECT pg_sleep(10)", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT * FROM t WHERE pg_sleep(1) IS NOT NULL", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT * FROM dblink('host=x', 'select 1') AS t(a int)", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT dblink_exec('DROP TABLE t')", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT pg_read_file('/etc/passwd')", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT lo_import('/etc/passwd')", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT nextval('s')", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT set_config('x','y',false)", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT query_to_xml('delete from t', true, true, '')", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT pg_catalog.pg_sleep(1)", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT pg_terminate_backend(pid) FROM pg_stat_activity", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT pg_advisory_lock(1)", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT * FROM pg_ls_dir('/')", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("WITH c AS (SELECT * FROM (SELECT pg_sleep(1)) s) SELECT * FROM c",
                        Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT a FROM t UNION SELECT pg_sleep(1)::text FROM t", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT a FROM t UNION ALL (SELECT b FROM u WHERE pg_sleep(1) IS NULL)",
                        Kind.FORBIDDEN_FUNCTION),
                // not a query
                Arguments.of("EXPLAIN ANALYZE DELETE FROM t", Kind.NOT_A_QUERY),
                Arguments.of("EXPLAIN SELECT 1", Kind.NOT_A_QUERY),
                Arguments.of("SET statement_timeout = 0", Kind.NOT_A_QUERY),
                Arguments.of("SET ROLE postgres", Kind.NOT_A_QUERY),
                Arguments.of("RESET ALL", Kind.NOT_A_QUERY),
                Arguments.of("SHOW ALL", Kind.NOT_A_QUERY),
                Arguments.of("CALL p()", Kind.NOT_A_QUERY),
                Arguments.of("DO $$ BEGIN DELETE FROM t; END $$", Kind.NOT_A_QUERY),
                Arguments.of("VACUUM t", Kind.NOT_A_QUERY),
                Arguments.of("VACUUM FULL ANALYZE t", Kind.NOT_A_QUERY),
                Arguments.of("ANALYZE t", Kind.NOT_A_QUERY),
                Arguments.of("PREPARE p AS DELETE FROM t", Kind.NOT_A_QUERY),
                Arguments.of("EXECUTE p", Kind.NOT_A_QUERY),
                Arguments.of("REFRESH MATERIALIZED VIEW v", Kind.NOT_A_QUERY),
                Arguments.of("VALUES (1), (2)", Kind.NOT_A_QUERY),
                Arguments.of("TABLE users", Kind.NOT_A_QUERY),
                Arguments.of("BEGIN", Kind.NOT_A_QUERY),
                Arguments.of("COMMIT", Kind.NOT_A_QUERY),
                Arguments.of("LISTEN ch", Kind.NOT_A_QUERY),
                Arguments.of("NOTIFY ch, 'x'", Kind.NOT_A_QUERY),
                Arguments.of("DISCARD ALL", Kind.NOT_A_QUERY),
                Arguments.of("CHECKPOINT", Kind.NOT_A_QUERY),
                // lower / mixed case, leading whitespace
                Arguments.of("delete from t", Kind.MODIFIES_DATA),
                Arguments.of("DrOp TaBlE t", Kind.MODIFIES_SCHEMA),
                Arguments.of("update t set a = 1", Kind.MODIFIES_DATA),
                Arguments.of("sElEcT * fRoM t FoR uPdAtE", Kind.LOCKS),
                Arguments.of("select PG_SLEEP(1)", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SeLeCt Pg_SlEeP(1)", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("copy t to '/tmp/x'", Kind.COPIES),
                Arguments.of("\n\n   DELETE FROM t", Kind.MODIFIES_DATA),
                Arguments.of("\t\r\n  DROP TABLE t", Kind.MODIFIES_SCHEMA),
                Arguments.of("   \n select 1; drop table t", Kind.MULTIPLE_STATEMENTS),
                // garbage
                Arguments.of("SELCT * FROM users", Kind.UNPARSABLE),
                Arguments.of("SELECT", Kind.UNPARSABLE),
                Arguments.of("SELECT * FROM t WHERE", Kind.UNPARSABLE),
                Arguments.of("hello world", Kind.UNPARSABLE),
                Arguments.of("SELECT 'unterminated", Kind.UNPARSABLE),
                Arguments.of("SELECT \"unterminated", Kind.UNPARSABLE),
                Arguments.of("SELECT 1 /* unterminated", Kind.UNPARSABLE),
                Arguments.of("SELECT $$unterminated", Kind.UNPARSABLE));
    }

    @ParameterizedTest(name = "[{index}] {1}: {0}")
    @MethodSource("hostile")
    void refusesHostileStatements(String sql, Kind expected) {
        Verdict verdict = ReadOnlySql.check(sql);
        assertFalse(verdict.allowed(), () -> "must be refused: " + sql);
        assertEquals(expected, verdict.kind(), () -> sql + " → " + verdict);
        assertMessageIsUsable(verdict);
    }

    @Test
    void hostileCorpusIsLargeAndCoversEveryRefusal() {
        List<Arguments> corpus = hostile().toList();
        assertTrue(corpus.size() >= 50, "at least 50 hostile statements, got " + corpus.size());
        Set<Kind> covered = EnumSet.noneOf(Kind.class);
        corpus.forEach(a -> covered.add((Kind) a.get()[1]));
        covered.add(Kind.ALLOWED); // allowedStatements()
        covered.add(Kind.EMPTY); // empty()
        covered.add(Kind.TOO_LONG); // tooLong()
        assertEquals(EnumSet.allOf(Kind.class), covered);
    }

    // ------------------------------------------------------------------------------------------------------------
    // SQL whose meaning depends on PostgreSQL's lexical rules, where JSqlParser on its own would be fooled

    static Stream<Arguments> lexicalTricks() {
        return Stream.of(
                // nested block comments: PostgreSQL's comment ends at the second */, JSqlParser's at the first
                Arguments.of("SELECT 1 /* /* */ -- */ , pg_sleep(10)", Kind.FORBIDDEN_FUNCTION),
                // escape strings: \' does not end the literal
                Arguments.of("SELECT E'\\'' , pg_sleep(1) --'", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT e'\\\\' , pg_sleep(1)", Kind.FORBIDDEN_FUNCTION),
                // dollar quoting with and without tags; $ inside identifiers
                Arguments.of("SELECT $a$ ' $a$ , pg_sleep(1) -- '", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT $$ x $$, pg_sleep(1)", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT $tag$ $x$ $tag$, pg_sleep(1)", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT a$$, pg_sleep(1), '$$'", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT 1e$$, pg_sleep(1) --$$", Kind.FORBIDDEN_FUNCTION),
                // literals continued over a newline, with comments in between
                Arguments.of("SELECT 'a'\n'b', pg_sleep(1)", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT 'a' -- c\n  'b', pg_sleep(1)", Kind.FORBIDDEN_FUNCTION),
                // comment markers inside literals and quoted identifiers are text
                Arguments.of("SELECT '/*', pg_sleep(1), '*/'", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT \"/*\", pg_sleep(1), \"*/\"", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT '--', pg_sleep(1)", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT 'it''s', pg_sleep(1)", Kind.FORBIDDEN_FUNCTION),
                // line comments end at \n and at \r
                Arguments.of("SELECT 1 -- harmless\n, pg_sleep(1)", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT 1 -- harmless\r, pg_sleep(1)", Kind.FORBIDDEN_FUNCTION),
                // quoted and qualified function names, JDBC escapes
                Arguments.of("SELECT \"pg_sleep\"(1)", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT \"PG_SLEEP\"(1)", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT pg_catalog.\"pg_sleep\"(1)", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT {fn pg_sleep(1)}", Kind.FORBIDDEN_FUNCTION),
                // JSqlParser keeps these operands in map entries
                Arguments.of("SELECT a[1:nextval('s')] FROM t", Kind.FORBIDDEN_FUNCTION),
                Arguments.of("SELECT data -> pg_sleep(1)::text FROM t", Kind.FORBIDDEN_FUNCTION),
                // "1or" is 1 OR … to PostgreSQL, one identifier to JSqlParser
                Arguments.of("SELECT * FROM t WHERE a = 1or nextval('s') > 0", Kind.FORBIDDEN_FUNCTION),
                // JSqlParser reads # and @ as identifier characters, "//" as a comment, backticks as quotes
                Arguments.of("SELECT 1#nextval('s')", Kind.UNPARSABLE),
                Arguments.of("SELECT 1 #set_config('a','b',false)", Kind.UNPARSABLE),
                Arguments.of("SELECT x@nextval('s') FROM t", Kind.UNPARSABLE),
                Arguments.of("SELECT 1 // , pg_sleep(1)", Kind.UNPARSABLE),
                Arguments.of("SELECT `a`, pg_sleep(1)", Kind.UNPARSABLE),
                // a backslash before a quote means different things depending on standard_conforming_strings
                Arguments.of("SELECT '\\' , pg_sleep(1) --'", Kind.UNPARSABLE),
                Arguments.of("SELECT 'a\\\\''' , pg_sleep(1)", Kind.UNPARSABLE),
                // Unicode escapes could spell any name
                Arguments.of("SELECT U&\"pg\\005fsleep\"(1)", Kind.UNPARSABLE),
                // NUL ends the query text for the server
                Arguments.of("SELECT 1\u0000; DROP TABLE t", Kind.UNPARSABLE),
                // when a parse fails and the text nests more than 10 levels deep, JSqlParser returns null instead of
                // throwing; that must not read as EMPTY (or anything else)
                Arguments.of("(".repeat(12) + "SELECT 1 FROM" + ")".repeat(12), Kind.UNPARSABLE),
                Arguments.of("(".repeat(12) + "DELETE FROM t" + ")".repeat(12), Kind.UNPARSABLE));
    }

    @ParameterizedTest(name = "[{index}] {1}: {0}")
    @MethodSource("lexicalTricks")
    void followsPostgresLexicalRules(String sql, Kind expected) {
        Verdict verdict = ReadOnlySql.check(sql);
        assertEquals(expected, verdict.kind(), () -> sql + " → " + verdict);
        assertMessageIsUsable(verdict);
    }

    /** To PostgreSQL these are a single string literal each: nothing is called. */
    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1 /* ; DROP TABLE t */",
            "SELECT 1 /* /* nested */ ; DROP TABLE t */",
            "SELECT e'a'\n'\\' , pg_sleep(1) --'",
            "SELECT 'DROP TABLE t; SELECT pg_sleep(1)'",
            "SELECT $$; DELETE FROM t; $$",
            "SELECT $x$ '; DELETE FROM t; -- $x$",
            "SELECT 'pg_sleep(1)' AS pg_sleep",
            "SELECT E'\\n\\t' || 'a' AS s",
            "SELECT U&'d\\0061t\\+000061' AS s",
            "SELECT 1 -- ; DROP TABLE t",
            "SELECT 1; -- trailing comment",
            "SELECT 1;;",
            "SELECT 1; /* c */ ;"})
    void keepsTextInsideLiteralsAndComments(String sql) {
        Verdict verdict = ReadOnlySql.check(sql);
        assertTrue(verdict.allowed(), () -> sql + " → " + verdict);
    }

    // ------------------------------------------------------------------------------------------------------------
    // forbidden functions anywhere in the tree

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT pg_sleep(1)",
            "SELECT * FROM t WHERE pg_sleep(1) IS NULL",
            "SELECT * FROM t JOIN u ON pg_sleep(1) IS NULL",
            "SELECT a FROM t GROUP BY a HAVING count(pg_sleep(1)) > 0",
            "SELECT * FROM t ORDER BY pg_sleep(1)",
            "SELECT a FROM t GROUP BY GROUPING SETS ((pg_sleep(1)))",
            "SELECT DISTINCT ON (pg_sleep(1)) a FROM t",
            "SELECT * FROM pg_sleep(1)",
            "SELECT * FROM t, LATERAL pg_sleep(1)",
            "SELECT * FROM t, LATERAL (SELECT pg_sleep(1)) x",
            "SELECT * FROM t CROSS JOIN LATERAL (SELECT pg_sleep(1) AS s) x",
            "SELECT (SELECT max(pg_sleep(1)::text))",
            "SELECT * FROM t WHERE EXISTS (SELECT pg_sleep(1))",
            "SELECT * FROM t WHERE a IN (SELECT pg_sleep(1)::text)",
            "SELECT * FROM t WHERE a IN (1, pg_sleep(1))",
            "SELECT * FROM t WHERE a = ANY(ARRAY[pg_sleep(1)])",
            "WITH a AS (SELECT 1), b AS (SELECT pg_sleep(1)) SELECT * FROM a",
            "WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r WHERE pg_sleep(0.1) IS NOT NULL) "
                    + "SELECT * FROM r",
            "SELECT 1 UNION ALL (SELECT pg_sleep(1)::text::int)",
            "SELECT 1 INTERSECT SELECT 1 FROM pg_sleep(1)",
            "SELECT CASE WHEN a THEN pg_sleep(1) END FROM t",
            "SELECT CAST(pg_sleep(1) AS text)",
            "SELECT coalesce(a, pg_sleep(1)::text) FROM t",
            "SELECT string_agg(a, ',' ORDER BY pg_sleep(1)) FROM t",
            "SELECT count(*) FILTER (WHERE pg_sleep(1) IS NULL) FROM t",
            "SELECT row_number() OVER (PARTITION BY pg_sleep(1) ORDER BY a) FROM t",
            "SELECT sum(a) OVER (ORDER BY pg_sleep(1)) FROM t",
            "SELECT sum(a) OVER w FROM t WINDOW w AS (PARTITION BY pg_sleep(1))",
            "SELECT pg_sleep(1) OVER ()",
            "SELECT EXTRACT(EPOCH FROM pg_sleep(1))",
            "SELECT ROW(pg_sleep(1))",
            "SELECT upper(lower(trim(pg_sleep(1)::text)))",
            "SELECT * FROM (VALUES (pg_sleep(1))) v(x)",
            "SELECT * FROM t LIMIT (SELECT count(*) FROM u WHERE pg_sleep(1) IS NULL)"})
    void findsForbiddenFunctionsAnywhere(String sql) {
        Verdict verdict = ReadOnlySql.check(sql);
        assertFalse(verdict.allowed(), () -> sql + " → " + verdict);
        // JSqlParser cannot parse every placement; where it can, the call must be found
        if (verdict.kind() != Kind.UNPARSABLE) {
            assertEquals(Kind.FORBIDDEN_FUNCTION, verdict.kind(), () -> sql + " → " + verdict);
            assertTrue(verdict.message().contains("禁止调用函数 pg_sleep"), verdict.message());
        }
    }

    static Stream<String> denylistedNames() {
        return ReadOnlySql.FORBIDDEN_FUNCTIONS.stream().sorted()
                .map(name -> name.endsWith("*") ? name.substring(0, name.length() - 1) + "x" : name);
    }

    @ParameterizedTest
    @MethodSource("denylistedNames")
    void refusesEveryDenylistedFunction(String name) {
        for (String sql : List.of("SELECT " + name + "(1)", "SELECT pg_catalog." + name.toUpperCase() + "(1, 'a')",
                "SELECT * FROM t WHERE a = (SELECT " + name + "('x'))")) {
            Verdict verdict = ReadOnlySql.check(sql);
            assertEquals(Kind.FORBIDDEN_FUNCTION, verdict.kind(), () -> sql + " → " + verdict);
            assertEquals("SELECT", verdict.statementType());
        }
    }

    @Test
    void denylistMatchesLastNamePartOnly() {
        assertTrue(ReadOnlySql.check("SELECT sleep(1), my_pg_sleep(1), pg_sleepy(1)").allowed());
        assertTrue(ReadOnlySql.check("SELECT nextval_count FROM t").allowed(), "a column, not a call");
        assertTrue(ReadOnlySql.check("SELECT 'pg_sleep(10)'").allowed(), "text, not a call");
    }

    // ------------------------------------------------------------------------------------------------------------
    // allowed PostgreSQL analytical SQL

    static Stream<String> allowedStatements() {
        return Stream.of(
                "SELECT 1",
                "SELECT 1;",
                "  \n\tSELECT 1 ;  \n",
                "-- leading comment\nSELECT 1 -- trailing comment",
                "/* c */ SELECT /* c */ 1 /* c */;",
                "SELECT user_id, user_name, last_login FROM users WHERE last_login >= CURRENT_DATE - INTERVAL '30 days';",
                "SELECT * FROM users WHERE delete_ts IS NULL",
                "SELECT oper_date::date, pay_sum::numeric(12,2), '2024-01-01'::date FROM bss_business_day_data",
                "SELECT * FROM t WHERE oper_date >= CURRENT_DATE - 7 AND oper_date < CURRENT_DATE",
                "SELECT now() - INTERVAL '7 days', INTERVAL '1 hour' * 2, '1 day'::interval",
                "SELECT EXTRACT(YEAR FROM oper_date) AS 年, EXTRACT(EPOCH FROM now() - create_ts) FROM t",
                "SELECT DATE_TRUNC('month', oper_date) AS 月份, SUM(pay_sum) AS 总营收 FROM t GROUP BY 1 ORDER BY 1",
                "SELECT COUNT(*) FILTER (WHERE pay_sum > 0) AS 有效天数, COUNT(*) AS 总天数 FROM t",
                "SELECT service_name, SUM(pay_sum) AS 营收, RANK() OVER (ORDER BY SUM(pay_sum) DESC) AS 排名, "
                        + "SUM(SUM(pay_sum)) OVER (PARTITION BY branch_name ORDER BY service_name "
                        + "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t GROUP BY service_name, branch_name",
                "SELECT * FROM t WHERE service_name ILIKE '%服务区%' AND name NOT LIKE 'x%'",
                "SELECT COALESCE(a, 0), NULLIF(b, 0), CASE WHEN a > 0 THEN '正' WHEN a < 0 THEN '负' ELSE '零' END FROM t",
                "SELECT ROUND(SUM(pay_sum)::numeric, 2) AS 总金额, ROUND(AVG(pay_sum)::numeric / NULLIF(COUNT(*), 0), 4)"
                        + " FROM t",
                "SELECT service_name AS 服务区名称, SUM(pay_sum) AS \"总营收（元）\" FROM t GROUP BY service_name",
                "SELECT * FROM t ORDER BY a DESC NULLS LAST LIMIT 10 OFFSET 20",
                "SELECT * FROM t FETCH FIRST 5 ROWS ONLY",
                "SELECT DISTINCT ON (service_name) service_name, oper_date, pay_sum FROM t "
                        + "ORDER BY service_name, oper_date DESC",
                "SELECT branch_name, service_name, SUM(pay_sum) FROM t "
                        + "GROUP BY GROUPING SETS ((branch_name, service_name), (branch_name), ())",
                "SELECT a, b, SUM(c) FROM t GROUP BY ROLLUP (a, b)",
                "SELECT a, b, SUM(c) FROM t GROUP BY CUBE (a, b)",
                "SELECT first_name || ' ' || last_name AS 姓名, 'ID:' || id::text FROM users",
                "SELECT s.name, x.total FROM s, LATERAL (SELECT SUM(v) AS total FROM u WHERE u.sid = s.id) x",
                "SELECT * FROM s LEFT JOIN LATERAL (SELECT * FROM u WHERE u.sid = s.id LIMIT 1) x ON true",
                "SELECT d::date AS 日期 FROM generate_series(CURRENT_DATE - 6, CURRENT_DATE, INTERVAL '1 day') AS g(d)",
                "SELECT TO_CHAR(oper_date, 'YYYY-MM') AS 月份, TO_CHAR(pay_sum, 'FM999,999.00') FROM t",
                "WITH m AS (SELECT service_name, SUM(pay_sum) AS s FROM t GROUP BY 1) SELECT * FROM m WHERE s > "
                        + "(SELECT AVG(s) FROM m)",
                "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT SUM(n) FROM r",
                "WITH a AS MATERIALIZED (SELECT 1 AS x) SELECT * FROM a",
                "SELECT a FROM t UNION SELECT a FROM u INTERSECT SELECT a FROM v EXCEPT SELECT a FROM w",
                "(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT a FROM u ORDER BY a DESC LIMIT 1)",
                "(SELECT 1)",
                "SELECT * FROM t WHERE a IN (SELECT a FROM u) AND EXISTS (SELECT 1 FROM v WHERE v.id = t.id)"
                        + " AND b = ANY(ARRAY[1, 2, 3]) AND c BETWEEN 1 AND 10 AND d IS DISTINCT FROM e",
                "SELECT * FROM (VALUES (1, '微信'), (2, '支付宝')) AS v(id, 支付方式)",
                "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY pay_sum) AS 中位数 FROM t",
                "SELECT string_agg(DISTINCT service_name, ',' ORDER BY service_name), array_agg(a) FROM t",
                "SELECT data ->> 'name', data -> 'a' -> 'b', data #>> '{a,b}', data @> '{\"a\": 1}'::jsonb FROM t",
                "SELECT * FROM t WHERE name ~ '^G[0-9]+' AND code !~* 'x' AND tags && ARRAY['a']",
                "SELECT a FROM t WHERE b = $1 AND c = $2",
                "SELECT E'line\\nbreak', $$dollar 'quoted'$$, U&'\\0041', N'national'",
                "SELECT 1.5e3, .5, 1e-3, 0x1F, 1_000_000",
                "SELECT * FROM t TABLESAMPLE SYSTEM (10)",
                "SELECT a FROM t WINDOW w AS (PARTITION BY b ORDER BY c) ORDER BY a",
                "SELECT current_setting('TimeZone'), version(), pg_size_pretty(pg_total_relation_size('t'))",
                "SELECT sleep, nextval_flag, delete_ts, update_time, drop_count FROM t",
                "SELECT * FROM \"order\" o JOIN \"user\" u ON o.uid = u.id",
                "SELECT CAST(a AS DECIMAL(10, 2)), a::text, CAST('2024-01-01' AS timestamp) FROM t",
                "SELECT date '2024-01-01', timestamp '2024-01-01 00:00:00', time '12:00'");
    }

    @ParameterizedTest
    @MethodSource("allowedStatements")
    void allowsReadOnlyQueries(String sql) {
        Verdict verdict = ReadOnlySql.check(sql);
        assertTrue(verdict.allowed(), () -> sql + " → " + verdict);
        assertEquals(Kind.ALLOWED, verdict.kind());
        assertEquals("SELECT", verdict.statementType());
        assertFalse(verdict.isUpdateDeleteDropOrAlter());
        assertMessageIsUsable(verdict);
    }

    @Test
    void allowedCorpusIsLarge() {
        assertTrue(allowedStatements().count() >= 20);
    }

    @Test
    void seedSamplesAreAllowed() {
        assertTrue(ReadOnlySql.check("SELECT user_id, user_name, last_login FROM users "
                + "WHERE last_login >= CURRENT_DATE - INTERVAL '30 days';").allowed());
        assertTrue(ReadOnlySql.check("SELECT * FROM users WHERE delete_ts IS NULL").allowed());
    }

    // ------------------------------------------------------------------------------------------------------------
    // verdict details

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n\t ", "-- only a comment", "/* only a comment */", ";", " ; ; ", "/* a */ -- b\n"})
    void empty(String sql) {
        Verdict verdict = ReadOnlySql.check(sql);
        assertEquals(Kind.EMPTY, verdict.kind());
        assertFalse(verdict.allowed());
        assertMessageIsUsable(verdict);
    }

    @Test
    void tooLong() {
        String sql = "SELECT 1 " + "x".repeat(200_000);
        Verdict verdict = ReadOnlySql.check(sql);
        assertEquals(Kind.TOO_LONG, verdict.kind());
        assertTrue(verdict.message().contains(String.valueOf(ReadOnlySql.MAX_LENGTH)), verdict.message());

        String longestAllowed = "SELECT 1" + " ".repeat(ReadOnlySql.MAX_LENGTH - "SELECT 1".length());
        assertEquals(ReadOnlySql.MAX_LENGTH, longestAllowed.length());
        assertTrue(ReadOnlySql.check(longestAllowed).allowed());
        assertEquals(Kind.TOO_LONG, ReadOnlySql.check(longestAllowed + " ").kind());
    }

    @Test
    void messages() {
        assertEquals("禁止使用INSERT语句: 只允许只读的SELECT查询", ReadOnlySql.check("INSERT INTO t VALUES (1)").message());
        assertEquals("禁止使用DROP语句: 只允许只读的SELECT查询", ReadOnlySql.check("DROP TABLE t").message());
        assertTrue(ReadOnlySql.check("SELECT pg_sleep(10)").message().startsWith("禁止调用函数 pg_sleep"));
        assertTrue(ReadOnlySql.check("SELECT pg_catalog.PG_SLEEP(10)").message().startsWith("禁止调用函数 pg_sleep"));
        assertEquals("SQL只能包含一条语句，检测到2条", ReadOnlySql.check("SELECT 1; SELECT 2").message());

        Verdict syntax = ReadOnlySql.check("SELCT * FROM users");
        assertTrue(syntax.message().startsWith("SQL语法错误: "), syntax.message());
        assertTrue(syntax.message().contains("SELCT"), syntax.message());
        assertFalse(syntax.message().contains("net.sf.jsqlparser"), syntax.message());
    }

    @Test
    void statementTypes() {
        assertEquals("SELECT", ReadOnlySql.check("SELECT 1").statementType());
        assertEquals("INSERT", ReadOnlySql.check("INSERT INTO t VALUES (1)").statementType());
        assertEquals("UPDATE", ReadOnlySql.check("UPDATE t SET a = 1").statementType());
        assertEquals("DELETE", ReadOnlySql.check("DELETE FROM t").statementType());
        assertEquals("MERGE", ReadOnlySql.check("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE")
                .statementType());
        assertEquals("DROP", ReadOnlySql.check("DROP TABLE t").statementType());
        assertEquals("ALTER", ReadOnlySql.check("ALTER TABLE t ADD COLUMN c int").statementType());
        assertEquals("TRUNCATE", ReadOnlySql.check("TRUNCATE t").statementType());
        assertEquals("CREATE", ReadOnlySql.check("CREATE TABLE t (a int)").statementType());
        assertEquals("GRANT", ReadOnlySql.check("GRANT SELECT ON t TO x").statementType());
        assertEquals("REVOKE", ReadOnlySql.check("REVOKE SELECT ON t FROM x").statementType());
        assertEquals("COPY", ReadOnlySql.check("COPY t TO '/tmp/x'").statementType());
        assertEquals("EXPLAIN", ReadOnlySql.check("EXPLAIN SELECT 1").statementType());
        assertEquals("SET", ReadOnlySql.check("SET search_path = x").statementType());
        assertEquals("CALL", ReadOnlySql.check("CALL p()").statementType());
        assertEquals("LOCK", ReadOnlySql.check("LOCK TABLE t").statementType());
        assertEquals("DELETE", ReadOnlySql.check("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d")
                .statementType());
        assertEquals(null, ReadOnlySql.check("SELCT 1").statementType());
        assertEquals(null, ReadOnlySql.check("SELECT 1; SELECT 2").statementType());
    }

    @Test
    void updateDeleteDropOrAlter() {
        for (String sql : List.of("UPDATE t SET a = 1", "DELETE FROM t", "DROP TABLE t", "ALTER TABLE t ADD c int",
                "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE", "delete from t where id = 1",
                "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
                "WITH u AS (UPDATE t SET a = 1 RETURNING *) SELECT 1")) {
            assertTrue(ReadOnlySql.check(sql).isUpdateDeleteDropOrAlter(), sql);
        }
        for (String sql : List.of("SELECT 1", "INSERT INTO t VALUES (1)", "TRUNCATE t", "CREATE TABLE t (a int)",
                "COMMENT ON TABLE t IS 'x'", "SELECT 1; DROP TABLE t", "SELECT pg_sleep(1)", "GRANT SELECT ON t TO x",
                "SELCT 1", "")) {
            assertFalse(ReadOnlySql.check(sql).isUpdateDeleteDropOrAlter(), sql);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // robustness

    @Test
    void parseTimeOutRefusesInsteadOfHanging() {
        String pathological = "SELECT " + "ARRAY[".repeat(80) + "1" + "]".repeat(80);
        Verdict verdict = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> ReadOnlySql.check(pathological));
        assertEquals(Kind.UNPARSABLE, verdict.kind());
    }

    private static final Pattern PLAIN_CALL_TEXT = Pattern.compile("[^'\"$\\\\`{}]*", Pattern.DOTALL);
    private static final Pattern STANDALONE_PG_SLEEP =
            Pattern.compile("(?<![\\p{L}\\p{N}_$\\u0080-\\uFFFF])pg_sleep\\s*\\(");

    @Test
    void neverThrows() {
        String[] vocabulary = {"SELECT", "select", "FROM", "t", "WHERE", "(", ")", ",", ";", "'", "\"", "$$", "$a$",
                "$", "--", "/*", "*/", "\n", "\r", " ", "E'", "U&'", "U&\"", "\\", "''", "pg_sleep", "(1)", "WITH",
                "AS", "DELETE", "INTO", "FOR UPDATE", "UNION", "::", "[", "]", "{", "}", "#", "@", "`", "//", "1e",
                "0x", "é", "总营收", "\u0000", "\u3000", "\uD83D\uDE00", "\uD83D", "*", "ARRAY[", "OVER (", "->"};
        Random random = new Random(20240601L);
        for (int round = 0; round < 3000; round++) {
            StringBuilder sql = new StringBuilder();
            int tokens = 1 + random.nextInt(25);
            for (int k = 0; k < tokens; k++) {
                sql.append(vocabulary[random.nextInt(vocabulary.length)]);
                if (random.nextBoolean()) {
                    sql.append(' ');
                }
            }
            String text = sql.toString();
            Verdict verdict = ReadOnlySql.check(text);
            assertNotNull(verdict, text);
            assertMessageIsUsable(verdict);
            if (verdict.allowed() && PLAIN_CALL_TEXT.matcher(text).matches() && !text.contains("--")
                    && !text.contains("/*")) {
                // no literal, comment or quoted name could hide it: a stand-alone pg_sleep( must be a call
                assertFalse(STANDALONE_PG_SLEEP.matcher(text).find(), () -> "a pg_sleep call was allowed: " + text);
            }
        }
    }

    @Test
    void threadSafe() throws Exception {
        List<String> sqls = new ArrayList<>();
        allowedStatements().forEach(sqls::add);
        hostile().forEach(a -> sqls.add((String) a.get()[0]));
        Map<String, Verdict> expected = new LinkedHashMap<>();
        sqls.forEach(sql -> expected.put(sql, ReadOnlySql.check(sql)));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int round = 0; round < 5; round++) {
                        expected.forEach((sql, verdict) -> assertEquals(verdict, ReadOnlySql.check(sql), sql));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // gold SQL of the datasets

    @Test
    void allHighwayDevGoldSqlIsAllowed() throws IOException {
        Assumptions.assumeTrue(Files.exists(DEV_JSON), "dataset not found: " + DEV_JSON.toAbsolutePath());
        List<Map<String, Object>> items = new ObjectMapper().readValue(DEV_JSON.toFile(), new TypeReference<>() {
        });
        assertFalse(items.isEmpty());
        List<String> refused = new ArrayList<>();
        for (Map<String, Object> item : items) {
            String sql = (String) item.get("sql");
            Verdict verdict = ReadOnlySql.check(sql);
            if (!verdict.allowed()) {
                refused.add(item.get("id") + ": " + verdict + " ← " + sql);
            }
        }
        System.out.printf("highway_db dev.json: %d/%d gold SQL allowed%n", items.size() - refused.size(), items.size());
        assertTrue(refused.isEmpty(), () -> "refused gold SQL:\n" + String.join("\n", refused));
    }

    /**
     * The defog "query" column is a template, not plain SQL: {@code {a, b}} lists columns of which any may be
     * selected ({@code {}} repeats them, e.g. in GROUP BY), and {@code ;} separates alternative gold queries. Taken
     * raw such text is not one valid statement for PostgreSQL either; each alternative with the columns filled in
     * is, and those must be allowed.
     */
    @Test
    void defogGoldQueriesAreAllowed() throws IOException {
        Assumptions.assumeTrue(Files.exists(DEFOG_CSV), "dataset not found: " + DEFOG_CSV.toAbsolutePath());
        List<Map<String, String>> rows = Csv.read(Files.readString(DEFOG_CSV, StandardCharsets.UTF_8));
        assertFalse(rows.isEmpty());

        int rawAllowed = 0;
        Map<Kind, Integer> rawRefusals = new LinkedHashMap<>();
        int alternatives = 0;
        List<String> refused = new ArrayList<>();
        for (Map<String, String> row : rows) {
            String query = row.get("query");
            Verdict raw = ReadOnlySql.check(query);
            if (raw.allowed()) {
                rawAllowed++;
            } else {
                rawRefusals.merge(raw.kind(), 1, Integer::sum);
                // only the template syntax may make raw text fail: braces, or several alternatives
                assertTrue(raw.kind() == Kind.UNPARSABLE || raw.kind() == Kind.MULTIPLE_STATEMENTS,
                        () -> query + " → " + raw);
                assertTrue(query.contains("{") || raw.kind() == Kind.MULTIPLE_STATEMENTS, () -> query + " → " + raw);
            }
            for (String alternative : defogAlternatives(query)) {
                alternatives++;
                Verdict verdict = ReadOnlySql.check(alternative);
                if (!verdict.allowed()) {
                    refused.add(verdict + " ← " + alternative);
                }
            }
        }
        int allowed = alternatives - refused.size();
        System.out.printf("defog questions_gen_postgres.csv: raw query column %d/%d allowed (refused: %s); "
                + "%d/%d gold alternatives allowed after filling the {column} templates%n",
                rawAllowed, rows.size(), rawRefusals, allowed, alternatives);
        refused.forEach(r -> System.out.println("  refused: " + r));
        String summary = allowed + "/" + alternatives + " allowed; refused:\n" + String.join("\n", refused);
        assertTrue(allowed * 100 >= alternatives * 95, summary);
    }

    private static final Pattern TEMPLATE = Pattern.compile("\\{([^{}]+)}");

    /** Splits the alternatives (outside string literals) and fills the column templates with all listed columns. */
    static List<String> defogAlternatives(String query) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inString = false;
        for (char c : query.toCharArray()) {
            if (c == '\'') {
                inString = !inString;
            }
            if (c == ';' && !inString) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        List<String> result = new ArrayList<>();
        for (String part : parts) {
            if (part.isBlank()) {
                continue;
            }
            Matcher matcher = TEMPLATE.matcher(part);
            if (matcher.find()) {
                String columns = matcher.group(1);
                part = part.replace("{}", columns);
                part = TEMPLATE.matcher(part).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
            }
            result.add(part.strip());
        }
        return result;
    }

    @Test
    void csvReaderHandlesQuotedMultiLineFields() {
        List<Map<String, String>> rows = Csv.read("a,b\n\"x, \"\"y\"\"\nz\",2\r\n3,\"\"\n");
        assertEquals(2, rows.size());
        assertEquals("x, \"y\"\nz", rows.get(0).get("a"));
        assertEquals("2", rows.get(0).get("b"));
        assertEquals("3", rows.get(1).get("a"));
        assertEquals("", rows.get(1).get("b"));
    }

    private static void assertMessageIsUsable(Verdict verdict) {
        assertNotNull(verdict.message());
        assertFalse(verdict.message().isBlank());
        assertFalse(verdict.message().contains("\n"), verdict.message());
        assertTrue(verdict.message().length() < 400, verdict.message());
    }
}
