package dev.tianshu.pipeline.step.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tianshu.pipeline.model.ColumnInfo;
import dev.tianshu.pipeline.model.ForeignKeyRef;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableInfo;
import dev.tianshu.pipeline.model.TableRef;
import dev.tianshu.pipeline.testing.BusinessDbs;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

class DdlWriterTest {

    static final DdlWriter WRITER = new DdlWriter();
    static final BuiltinCommentGenerator COMMENTS = new BuiltinCommentGenerator();

    static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.closeAndAwait();
    }

    @Test
    void writesTheOriginalsLayoutWithTheCommaBeforeTheComment() {
        TableRef ref = new TableRef("public", "bss_service_area");
        ForeignKeyRef fk = new ForeignKeyRef("company_id", new TableRef("public", "bss_company"), "id");
        List<ColumnInfo> columns = List.of(
                new ColumnInfo(1, "id", "varchar(32)", false, null, null, true, null),
                new ColumnInfo(2, "version", "integer", false, "0", null, false, null),
                new ColumnInfo(3, "company_id", "varchar(32)", true, null, null, false, fk),
                new ColumnInfo(4, "service_area_name", "varchar(255)", true, null, null, false, null));
        TableInfo table = new TableInfo(ref, null, columns, List.of("id"), List.of(fk), 0, "8192 bytes", List.of(),
                Map.of());
        Map<String, String> comments = new LinkedHashMap<>();
        comments.put("id", "服务区ID");
        comments.put("version", "版本号");
        comments.put("company_id", "所属公司;ID\n（关联公司表）");
        comments.put("service_area_name", "服务区名称");
        TableDoc doc = new TableDoc(table, "服务区表，存储服务区的基本信息。", comments, "builtin");
        // the longest code line is 37 characters, so every comment starts at column 39
        String expected = "-- 中文名: 服务区表\n"
                + "-- 描述: 服务区表，存储服务区的基本信息。\n"
                + "create table public.bss_service_area (\n"
                + String.format("%-39s-- 服务区ID，主键%n", "  id varchar(32) not null,")
                + String.format("%-39s-- 版本号%n", "  version integer not null default 0,")
                + String.format("%-39s-- 所属公司；ID （关联公司表），外键%n", "  company_id varchar(32),")
                + String.format("%-39s-- 服务区名称%n", "  service_area_name varchar(255),")
                + "  primary key (id)\n"
                + ");\n";
        assertEquals(expected.replace(System.lineSeparator(), "\n"), WRITER.write(doc));
    }

    @Test
    void withoutPrimaryKeyTheLastColumnHasNoComma() {
        TableRef ref = new TableRef("Sales", "Order");
        List<ColumnInfo> columns = List.of(
                new ColumnInfo(1, "select", "text", true, "'x'::text", null, false, null),
                new ColumnInfo(2, "n", "integer", true, null, null, false, null));
        TableInfo table = new TableInfo(ref, null, columns, List.of(), List.of(), 0, "0 bytes", List.of(), Map.of());
        Map<String, String> comments = new LinkedHashMap<>();
        comments.put("select", "选择");
        comments.put("n", "");
        assertEquals("""
                -- 中文名: 订单
                -- 描述: 订单
                create table "Sales"."Order" (
                  "select" text default 'x'::text,  -- 选择
                  n integer
                );
                """, WRITER.write(new TableDoc(table, "订单", comments, "builtin")));
    }

    @Test
    void everyHighwayTableIsRecreatedWithTheSameColumns() throws Exception {
        recreateAll(BusinessDbs.highway(), "");
    }

    @Test
    void everyPagilaTableIsRecreatedWithTheSameColumns() throws Exception {
        String url = BusinessDbs.pagila();
        assumeTrue(url != null, "needs ../shared/datasets/pagila");
        // pagila's own types: the DDL refers to them, it does not define them
        recreateAll(url, """
                CREATE DOMAIN public.year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155);
                CREATE TYPE public.mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');
                """);
    }

    @Test
    void identifiersThatNeedQuotesAreQuoted() throws Exception {
        String url = BusinessDbs.scratch();
        DdlTestSupport.execute(DdlTestSupport.database(url), """
                CREATE SCHEMA "Sales";
                CREATE TABLE "Sales"."Order Items" ("order" integer PRIMARY KEY, "User" text, "select" text DEFAULT 'x',
                    "left" numeric(10,2) NOT NULL DEFAULT 0, "客户" text, plain_col timestamp DEFAULT now());
                """);
        Pool pool = DdlTestSupport.pool(vertx, url);
        try {
            TableInfo info = DdlTestSupport.await(new CatalogInspector()
                    .inspect(pool, new TableRef("Sales", "Order Items"), DdlTestSupport.DdlSettings.defaults()));
            String ddl = WRITER.write(COMMENTS.document(info, null));
            assertTrue(ddl.contains("create table \"Sales\".\"Order Items\" ("), ddl);
            assertTrue(ddl.contains("  primary key (\"order\")\n"), ddl);
            String target = DdlTestSupport.database(BusinessDbs.scratch());
            DdlTestSupport.execute(target, "CREATE SCHEMA \"Sales\"");
            DdlTestSupport.execute(target, ddl);
            assertEquals(DdlTestSupport.columnTypes(DdlTestSupport.database(url), "Sales", "Order Items"),
                    DdlTestSupport.columnTypes(target, "Sales", "Order Items"));
        } finally {
            pool.closeAndAwait();
        }
    }

    /** Writes the DDL of every table of schema public and runs it in a new database; the columns must match. */
    private static void recreateAll(String sourceUrl, String prelude) throws Exception {
        String source = DdlTestSupport.database(sourceUrl);
        String target = DdlTestSupport.database(BusinessDbs.scratch());
        if (!prelude.isBlank()) {
            DdlTestSupport.execute(target, prelude);
        }
        Pool pool = DdlTestSupport.pool(vertx, sourceUrl);
        List<String> differences = new ArrayList<>();
        try {
            List<String> tables = DdlTestSupport.tables(pool, "public");
            assertTrue(tables.size() >= 7, "tables: " + tables);
            for (String table : tables) {
                TableInfo info = DdlTestSupport.inspect(pool, table, DdlTestSupport.DdlSettings.defaults());
                String ddl = WRITER.write(COMMENTS.document(info, "测试系统"));
                assertEquals(1, ddl.chars().filter(c -> c == ';').count(), "one statement, no ';' in comments: " + ddl);
                assertTrue(ddl.endsWith(");\n"), ddl);
                DdlTestSupport.execute(target, ddl);
                List<String> expected = DdlTestSupport.columnTypes(source, "public", table);
                List<String> actual = DdlTestSupport.columnTypes(target, "public", table);
                if (!expected.equals(actual)) {
                    differences.add(table + ": " + expected + " != " + actual);
                }
                List<String> keyColumns = new CatalogInspectorKeys(target).primaryKey(table);
                if (!keyColumns.equals(info.primaryKey())) {
                    differences.add(table + " primary key: " + info.primaryKey() + " != " + keyColumns);
                }
            }
        } finally {
            pool.closeAndAwait();
        }
        assertEquals(List.of(), differences);
    }

    /** The primary key of a recreated table, read with JDBC. */
    private record CatalogInspectorKeys(String database) {
        List<String> primaryKey(String table) throws Exception {
            List<String> columns = new ArrayList<>();
            try (var c = dev.tianshu.common.testing.PostgresTestResource.server().connect(database);
                    var s = c.prepareStatement("SELECT a.attname FROM pg_constraint con "
                            + "CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY k(attnum, ord) "
                            + "JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum "
                            + "WHERE con.contype = 'p' AND con.conrelid = ('public.' || quote_ident(?))::regclass "
                            + "ORDER BY k.ord")) {
                s.setString(1, table);
                try (var rs = s.executeQuery()) {
                    while (rs.next()) {
                        columns.add(rs.getString(1));
                    }
                }
            }
            return columns;
        }
    }
}
