package dev.tianshu.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.testing.PostgresTestResource;

/**
 * The demo database highway_db as deploy/local/run.sh creates it: the generator's tables match the real schema in
 * ../shared/datasets/highway_db/schema column for column, the data has the profiles' shape, a rerun adds nothing, and
 * the dev question set's gold SQL runs on it and returns rows.
 */
class DemoDatabaseTest {

    static final Path GENERATOR = Path.of("..", "deploy", "local", "highway_db");
    static final Path SHARED = Path.of(System.getProperty("tianshu.shared.dir", "../../shared"), "datasets", "highway_db");
    static final List<String> TABLES = List.of("bss_business_day_data", "bss_car_day_count", "bss_company",
            "bss_section_route", "bss_section_route_area_link", "bss_service_area", "bss_service_area_mapper",
            "bss_branch");
    /** How many of the 132 dev questions must run and return at least one row. */
    static final int MIN_DEV_QUESTIONS_WITH_ROWS = 128;

    static String database;

    @BeforeAll
    static void generate() throws Exception {
        database = PostgresTestResource.createDatabase("highway_db_test");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(Files.readString(GENERATOR.resolve("schema.sql")));
            s.execute(Files.readString(GENERATOR.resolve("generate.sql")));
        }
    }

    @AfterAll
    static void drop() {
        if (database != null) {
            PostgresTestResource.dropDatabase(database);
        }
    }

    static Connection connect() throws SQLException {
        return PostgresTestResource.server().connect(database);
    }

    @Test
    void tablesHaveExactlyTheColumnsAndTypesOfTheRealSchema() throws Exception {
        assumeTrue(Files.isDirectory(SHARED), "needs ../shared beside the clone");
        Pattern column = Pattern.compile("^\\s{4}([a-z_][a-z0-9_]*) ([A-Z][A-Z ]*(?:\\(\\d+(?:,\\d+)?\\))?)");
        for (String table : TABLES) {
            Map<String, String> expected = new LinkedHashMap<>();
            for (String line : Files.readAllLines(SHARED.resolve("schema/highway_db.public." + table + ".sql"))) {
                Matcher m = column.matcher(line);
                if (m.find() && !line.contains("CONSTRAINT")) {
                    expected.put(m.group(1), m.group(2).toLowerCase().replace("integer(32)", "integer")
                            .replace("smallint(16)", "smallint").replace("bigint(64)", "bigint").strip());
                }
            }
            Map<String, String> actual = new LinkedHashMap<>();
            try (Connection c = connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
                            + "WHERE a.attrelid = 'public." + table + "'::regclass AND a.attnum > 0 AND NOT a.attisdropped "
                            + "ORDER BY a.attnum")) {
                while (rs.next()) {
                    actual.put(rs.getString(1), rs.getString(2));
                }
            }
            assertTrue(expected.size() >= 2, "parsed the columns of " + table);
            assertEquals(expected, actual, table);
        }
    }

    @Test
    void everyTableAndColumnHasAChineseComment() throws SQLException {
        String sql = "SELECT c.relname || coalesce('.' || a.attname, '') FROM pg_class c "
                + "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
                + "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' "
                + "AND coalesce(CASE WHEN a.attnum IS NULL THEN obj_description(c.oid, 'pg_class') "
                + "ELSE col_description(c.oid, a.attnum) END, '') !~ '[\\u4e00-\\u9fff]'";
        assertEquals(List.of(), column(sql), "tables or columns without a Chinese comment");
        assertEquals(List.of(), column("SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace "
                + "AND c.relkind = 'r' AND coalesce(obj_description(c.oid, 'pg_class'), '') !~ '[\\u4e00-\\u9fff]'"));
        assertEquals(TABLES.size(), Integer.parseInt(column("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").get(0)));
    }

    @Test
    void dataHasTheShapeOfTheProfiles() throws SQLException {
        int areas = count("SELECT count(*) FROM bss_service_area WHERE delete_ts IS NULL");
        assertTrue(areas >= 100 && areas <= 140, "about 120 service areas: " + areas);
        assertTrue(count("SELECT count(*) FROM bss_business_day_data") >= 30_000);
        assertTrue(count("SELECT count(*) FROM bss_business_day_data WHERE oper_date = DATE '2022-01-01'") > 0);
        assertTrue(count("SELECT count(*) FROM bss_business_day_data WHERE oper_date = CURRENT_DATE - 1") > 0,
                "business days up to yesterday");
        assertTrue(count("SELECT count(*) FROM bss_car_day_count WHERE count_date = CURRENT_DATE - 1") > 0);
        // a day's figures are loaded once it has closed (T+1): nothing yet for today
        assertEquals(0, count("SELECT count(*) FROM bss_business_day_data WHERE oper_date >= CURRENT_DATE"));
        assertEquals(0, count("SELECT count(*) FROM bss_car_day_count WHERE count_date >= CURRENT_DATE"));
        for (String name : List.of("宜春服务区", "庐山服务区", "南康北服务区")) {
            assertTrue(count("SELECT count(*) FROM bss_service_area WHERE service_area_name = '" + name + "'") == 1, name);
            assertTrue(count("SELECT count(*) FROM bss_business_day_data WHERE service_name = '" + name + "'") > 300, name);
        }
        for (String company : List.of("宜春分公司", "上饶分公司")) {
            assertTrue(count("SELECT count(*) FROM bss_company WHERE company_name = '" + company + "'") == 1, company);
        }
        assertTrue(count("SELECT count(*) FROM bss_section_route WHERE route_name LIKE '%昌栗%'") > 0);
        assertEquals(List.of("关闭", "开放"), column("SELECT DISTINCT service_state FROM bss_service_area ORDER BY 1")
                .stream().filter(v -> v.equals("开放") || v.equals("关闭")).toList());
        assertTrue(column("SELECT DISTINCT car_type FROM bss_car_day_count").containsAll(List.of("危化品", "城际", "过境")));
        assertTrue(column("SELECT DISTINCT source_system_type FROM bss_service_area_mapper")
                .containsAll(List.of("驿美", "驿购")));
        for (String table : TABLES) {
            if (!table.equals("bss_section_route_area_link")) {
                assertTrue(count("SELECT count(*) FROM " + table + " WHERE delete_ts IS NOT NULL") > 0,
                        "soft-deleted rows in " + table);
            }
        }
        assertEquals(0, count("SELECT count(*) FROM bss_business_day_data WHERE order_sum <> "
                + "coalesce(wx_order,0) + coalesce(zf_order,0) + coalesce(rmb_order,0) + coalesce(xs_order,0) + coalesce(jd_order,0)"));
    }

    @Test
    void rerunningTheGeneratorChangesNothing() throws Exception {
        String fingerprint = fingerprint();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(Files.readString(GENERATOR.resolve("generate.sql")));
        }
        assertEquals(fingerprint, fingerprint());
    }

    @Test
    void devQuestionsRunAndReturnRows() throws Exception {
        Path dev = SHARED.resolve("questions/dev.json");
        assumeTrue(Files.exists(dev), "needs ../shared beside the clone");
        JsonNode questions = new ObjectMapper().readTree(dev.toFile());
        int withRows = 0;
        List<String> failing = new ArrayList<>();
        try (Connection c = connect()) {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET statement_timeout = '20s'");
            }
            for (JsonNode q : questions) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(q.get("sql").asText())) {
                    if (rs.next()) {
                        withRows++;
                    } else {
                        failing.add(q.get("id").asText() + " (no rows)");
                    }
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    failing.add(q.get("id").asText() + " (" + e.getMessage().lines().findFirst().orElse("") + ")");
                }
            }
        }
        System.out.printf("highway_db: %d of %d dev questions return rows; the others: %s%n", withRows,
                questions.size(), failing);
        assertTrue(withRows >= MIN_DEV_QUESTIONS_WITH_ROWS,
                withRows + " of " + questions.size() + " dev questions return rows; failing: " + failing);
    }

    private String fingerprint() throws SQLException {
        StringBuilder sb = new StringBuilder();
        for (String table : TABLES) {
            sb.append(table).append('=').append(column("SELECT count(*) || ':' || md5(string_agg(md5(t::text), ',' ORDER BY md5(t::text))) FROM "
                    + table + " t").get(0)).append('\n');
        }
        return sb.toString();
    }

    private int count(String sql) throws SQLException {
        return Integer.parseInt(column(sql).get(0));
    }

    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
