package dev.tianshu.pipeline.step.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tianshu.common.testing.PostgresTestResource;
import dev.tianshu.pipeline.model.ColumnInfo;
import dev.tianshu.pipeline.model.ForeignKeyRef;
import dev.tianshu.pipeline.model.TableInfo;
import dev.tianshu.pipeline.model.TableRef;
import dev.tianshu.pipeline.testing.BusinessDbs;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/** The inspector against the demo highway_db and pagila. */
class CatalogInspectorTest {

    static final DdlTestSupport.DdlSettings DEFAULTS = DdlTestSupport.DdlSettings.defaults();

    static Vertx vertx;
    static String highwayDb;
    static Pool highway;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        String url = BusinessDbs.highway();
        highwayDb = DdlTestSupport.database(url);
        highway = DdlTestSupport.pool(vertx, url);
    }

    @AfterAll
    static void stop() {
        highway.closeAndAwait();
        vertx.closeAndAwait();
    }

    static List<String> column(String database, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = PostgresTestResource.server().connect(database); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Test
    void describesBssCompanyFromTheCatalog() throws Exception {
        TableInfo info = DdlTestSupport.inspect(highway, "bss_company", DEFAULTS);
        assertEquals(new TableRef("public", "bss_company"), info.ref());
        assertEquals("公司表：高速公路运营分公司的名称与编码，服务区按公司归属管理", info.comment());
        assertEquals(List.of("id varchar(32) not null", "version integer not null", "create_ts timestamp",
                "created_by varchar(50)", "update_ts timestamp", "updated_by varchar(50)", "delete_ts timestamp",
                "deleted_by varchar(50)", "company_name varchar(255)", "company_no varchar(255)"),
                info.columns().stream().map(c -> c.name() + " " + c.dataType() + (c.nullable() ? "" : " not null"))
                        .toList());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
                info.columns().stream().map(ColumnInfo::position).toList());
        assertEquals(List.of("id"), info.primaryKey());
        ColumnInfo id = info.column("id").orElseThrow();
        assertTrue(id.primaryKey());
        assertFalse(info.column("version").orElseThrow().primaryKey());
        assertEquals("公司ID（32位主键）", id.comment());
        assertEquals("公司名称，如宜春分公司、上饶分公司", info.column("company_name").orElseThrow().comment());
        assertNull(id.defaultValue());
        assertEquals(List.of(), info.foreignKeys());
        long rows = Long.parseLong(column(highwayDb, "SELECT count(*) FROM bss_company").get(0));
        assertEquals(rows, info.rowCount());
        assertTrue(info.sizePretty().matches("\\d+ (bytes|kB|MB)"), info.sizePretty());
        assertEquals(rows, info.samples().size(), "a small table gives all its rows");
        Map<String, String> first = info.samples().get(0);
        assertEquals(info.columns().stream().map(ColumnInfo::name).toList(), new ArrayList<>(first.keySet()));
        assertTrue(info.samples().stream().map(r -> r.get("create_ts")).filter(Objects::nonNull)
                .allMatch(v -> v.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)?")),
                "timestamps as PostgreSQL writes them");
        assertTrue(info.samples().stream().anyMatch(r -> r.get("delete_ts") == null), "NULL stays null");
        assertTrue(info.samples().stream().anyMatch(r -> "宜春分公司".equals(r.get("company_name"))));
    }

    @Test
    void takesTwentySamplesAndVerifiesEnums() throws Exception {
        TableInfo area = DdlTestSupport.inspect(highway, "bss_service_area", DEFAULTS);
        assertEquals(20, area.samples().size());
        assertEquals(column(highwayDb, "SELECT service_state FROM bss_service_area WHERE service_state <> '' "
                + "GROUP BY 1 ORDER BY count(*) DESC, 1"), area.enums().get("service_state"));
        assertTrue(area.enums().get("service_state").containsAll(List.of("开放", "关闭", "上传数据")));
        assertEquals(new HashSet<>(List.of("信息化服务区", "智能化服务区")),
                new HashSet<>(area.enums().get("service_area_type")));
        assertFalse(area.enums().containsKey("service_area_name"), "free text is not an enum");
        assertFalse(area.enums().containsKey("id"));
        assertFalse(area.enums().containsKey("created_by"), "audit columns are not enums");

        TableInfo cars = DdlTestSupport.inspect(highway, "bss_car_day_count", DEFAULTS);
        assertEquals(column(highwayDb, "SELECT car_type FROM bss_car_day_count WHERE car_type <> '' "
                + "GROUP BY 1 ORDER BY count(*) DESC, 1"), cars.enums().get("car_type"));
        assertEquals(new HashSet<>(List.of("其他", "危化品", "城际", "过境")), new HashSet<>(cars.enums().get("car_type")));
        assertEquals(List.of("car_type"), new ArrayList<>(cars.enums().keySet()));
    }

    @Test
    void largeTablesAreSampledFromHeadMiddleAndTail() throws Exception {
        TableInfo info = DdlTestSupport.inspect(highway, "bss_business_day_data", DEFAULTS.withLargeTableRows(1000));
        assertTrue(info.rowCount() > 1000, "rows: " + info.rowCount());
        assertEquals(20, info.samples().size());
        assertEquals(20, new HashSet<>(info.samples()).size(), "no duplicates");
        List<String> ids = info.samples().stream().map(r -> r.get("id")).toList();
        List<String> last = column(highwayDb, "SELECT id FROM bss_business_day_data ORDER BY id DESC LIMIT 6");
        assertTrue(ids.containsAll(last), "the last rows by primary key: " + last + " in " + ids);
        assertTrue(info.enums().containsKey("source_type"));
    }

    @Test
    void largeTablesWithoutPrimaryKeyEndWithTheirLastRowsOnDisk() throws Exception {
        String url = BusinessDbs.scratch();
        DdlTestSupport.execute(DdlTestSupport.database(url), """
                CREATE TABLE events (n integer NOT NULL, kind text);
                INSERT INTO events SELECT g, 'k' || (g % 3) FROM generate_series(1, 5000) g;
                """);
        Pool pool = DdlTestSupport.pool(vertx, url);
        try {
            TableInfo info = DdlTestSupport.inspect(pool, "events", DEFAULTS.withLargeTableRows(1000));
            assertEquals(5000, info.rowCount(), "counted (or analysed: every row of a small table)");
            assertEquals(List.of(), info.primaryKey());
            assertEquals(20, info.samples().size());
            List<String> numbers = info.samples().stream().map(r -> r.get("n")).toList();
            assertTrue(numbers.containsAll(List.of("5000", "4999", "4998", "4997", "4996", "4995")), numbers.toString());
            assertEquals(List.of("k1", "k2", "k0"), info.enums().get("kind"));
        } finally {
            pool.closeAndAwait();
        }
    }

    @Test
    void tablesThatDoNotExistFail() {
        Throwable e = DdlTestSupport.failure(() -> DdlTestSupport.inspect(highway, "no_such_table", DEFAULTS));
        assertTrue(e instanceof TableNotFoundException, e.toString());
        assertEquals("表 public.no_such_table 不存在或无权限访问", e.getMessage());
        e = DdlTestSupport.failure(() -> DdlTestSupport.inspect(highway, "ods.bss_company", DEFAULTS));
        assertEquals("表 ods.bss_company 不存在或无权限访问", e.getMessage());
        e = DdlTestSupport.failure(() -> DdlTestSupport.inspect(highway, "pg_class", DEFAULTS));
        assertEquals("表 public.pg_class 不存在或无权限访问", e.getMessage());
    }

    @Test
    void pagilaKeysTypesDefaultsAndEnums() throws Exception {
        String url = BusinessDbs.pagila();
        assumeTrue(url != null, "needs ../shared/datasets/pagila");
        Pool pool = DdlTestSupport.pool(vertx, url);
        try {
            TableInfo payment = DdlTestSupport.inspect(pool, "payment", DEFAULTS);
            assertEquals(List.of("payment_date", "payment_id"), payment.primaryKey(), "key order");
            assertEquals(new ForeignKeyRef("customer_id", new TableRef("public", "customer"), "customer_id"),
                    payment.column("customer_id").orElseThrow().foreignKey(),
                    "foreign keys of a partitioned table are declared on its partitions");
            assertEquals(List.of("customer_id", "staff_id", "rental_id"),
                    payment.foreignKeys().stream().map(ForeignKeyRef::column).toList());
            assertTrue(payment.rowCount() > 10_000, "rows over all partitions: " + payment.rowCount());
            assertFalse(payment.sizePretty().equals("0 bytes"), "size over all partitions");

            TableInfo large = DdlTestSupport.inspect(pool, "payment", DEFAULTS.withLargeTableRows(1000));
            assertEquals(20, large.samples().size(), "a large partitioned table");
            assertTrue(large.rowCount() > 1000, "counted, or the planner's estimate: " + large.rowCount());

            TableInfo rental = DdlTestSupport.inspect(pool, "rental", DEFAULTS);
            assertEquals(new ForeignKeyRef("inventory_id", new TableRef("public", "inventory"), "inventory_id"),
                    rental.column("inventory_id").orElseThrow().foreignKey());
            assertFalse(rental.column("rental_date").orElseThrow().isForeignKey());

            TableInfo filmActor = DdlTestSupport.inspect(pool, "film_actor", DEFAULTS);
            assertEquals(List.of("actor_id", "film_id"), filmActor.primaryKey());
            assertTrue(filmActor.column("actor_id").orElseThrow().isForeignKey());

            TableInfo film = DdlTestSupport.inspect(pool, "film", DEFAULTS);
            assertEquals("year", film.column("release_year").orElseThrow().dataType());
            assertEquals("mpaa_rating", film.column("rating").orElseThrow().dataType());
            assertEquals("timestamptz", film.column("last_update").orElseThrow().dataType());
            assertEquals("text[]", film.column("special_features").orElseThrow().dataType());
            assertEquals("numeric(4,2)", film.column("rental_rate").orElseThrow().dataType());
            assertNull(film.column("film_id").orElseThrow().defaultValue(), "sequence defaults are dropped");
            assertEquals("current_timestamp", film.column("last_update").orElseThrow().defaultValue());
            assertEquals("'G'::mpaa_rating", film.column("rating").orElseThrow().defaultValue());
            assertEquals("4.99", film.column("rental_rate").orElseThrow().defaultValue());
            assertEquals(new HashSet<>(List.of("G", "PG", "PG-13", "R", "NC-17")),
                    new HashSet<>(film.enums().get("rating")), "a PostgreSQL enum type is an enum");
            assertFalse(film.enums().containsKey("title"));
            assertFalse(film.enums().containsKey("description"));
            assertTrue(film.samples().stream().allMatch(r -> r.values().stream().filter(Objects::nonNull)
                    .allMatch(v -> v.length() <= TableSampler.MAX_VALUE_LENGTH)), "values cut to 200 characters");
            String longest = column(DdlTestSupport.database(url),
                    "SELECT fulltext::text FROM film ORDER BY length(fulltext::text) DESC LIMIT 1").get(0);
            assertTrue(longest.length() > TableSampler.MAX_VALUE_LENGTH, "pagila has long values");

            TableInfo customer = DdlTestSupport.inspect(pool, "customer", DEFAULTS);
            assertEquals("true", customer.column("activebool").orElseThrow().defaultValue());
            assertEquals("CURRENT_DATE", customer.column("create_date").orElseThrow().defaultValue());
            assertTrue(customer.column("email").orElseThrow().nullable());
            assertFalse(customer.column("first_name").orElseThrow().nullable());

            Throwable e = DdlTestSupport.failure(() -> DdlTestSupport.inspect(pool, "actor_info", DEFAULTS));
            assertEquals("表 public.actor_info 不存在或无权限访问", e.getMessage(), "a view is not a table");
        } finally {
            pool.closeAndAwait();
        }
    }

    @Test
    void quotedIdentifiersAndSchemas() throws Exception {
        String url = BusinessDbs.scratch();
        String db = DdlTestSupport.database(url);
        DdlTestSupport.execute(db, """
                CREATE SCHEMA "Sales";
                CREATE TABLE "Sales"."Order Items" ("order" integer PRIMARY KEY, "User" text, "select" text DEFAULT 'x',
                    kind varchar(10) NOT NULL);
                COMMENT ON TABLE "Sales"."Order Items" IS 'order items';
                INSERT INTO "Sales"."Order Items" SELECT g, 'u' || g, 's', CASE WHEN g % 2 = 0 THEN 'a' ELSE 'b' END
                  FROM generate_series(1, 30) g;
                """);
        Pool pool = DdlTestSupport.pool(vertx, url);
        try {
            assertTrue(DdlTestSupport.failure(() -> DdlTestSupport.inspect(pool, "Sales.Order_Items", DEFAULTS))
                    instanceof TableNotFoundException);
            TableInfo info = DdlTestSupport.await(new CatalogInspector()
                    .inspect(pool, new TableRef("Sales", "Order Items"), DEFAULTS));
            assertEquals(List.of("order", "User", "select", "kind"),
                    info.columns().stream().map(ColumnInfo::name).toList());
            assertEquals(List.of("order"), info.primaryKey());
            assertEquals("'x'::text", info.column("select").orElseThrow().defaultValue());
            assertEquals(30, info.rowCount());
            assertEquals(20, info.samples().size());
            assertEquals(List.of("a", "b"), info.enums().get("kind"));
            assertEquals("order items", info.comment());
        } finally {
            pool.closeAndAwait();
        }
    }
}
