package dev.tianshu.pipeline.step.qa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tianshu.common.testing.PostgresTestResource;
import dev.tianshu.pipeline.model.DbConnection;
import dev.tianshu.pipeline.model.Theme;
import dev.tianshu.pipeline.testing.BusinessDbs;
import dev.tianshu.pipeline.testing.InMemoryTaskFiles;

class MetadataFilesTest {

    static final LocalDateTime AT = LocalDateTime.of(2025, 7, 21, 20, 34, 52);
    static final List<Theme> THEMES = List.of(
            new Theme("日营业分析", "基于bss_business_day_data表分析各服务区每日营收，辅助经营决策。",
                    List.of("bss_business_day_data"), List.of("服务区", "档口", "支付方式"),
                    List.of("收入趋势", "订单数量变化", "支付方式占比")),
            new Theme("O'Brien的主题", "含'引号'、逗号,和{大括号}\"双引号\"", List.of("a", "ods.b"), List.of("x,y"),
                    List.of()));

    private final MetadataFiles metadata = new MetadataFiles();

    @Test
    void metadataScriptRunsOnPostgres() throws Exception {
        String sql = metadata.metadataSql("highway_db", "高速公路服务区管理系统\n第二行", THEMES, AT);
        assertTrue(sql.startsWith("-- Schema Tools生成的主题元数据\n-- 业务背景: 高速公路服务区管理系统 第二行\n"
                + "-- 生成时间: 2025-07-21 20:34:52\n-- 数据库: highway_db\n"), sql);
        assertTrue(sql.contains("ARRAY['服务区', '档口', '支付方式']::text[]"), sql);
        assertTrue(sql.contains("'O''Brien的主题'"), sql);
        assertTrue(sql.contains("ARRAY[]::text[]"), sql);

        String url = BusinessDbs.scratch();
        try (Connection c = PostgresTestResource.server().connect(DbConnection.parse(url).database());
                Statement s = c.createStatement()) {
            s.execute(sql);
            s.execute(sql); // the script may be loaded twice: the table is created only once
            try (ResultSet rs = s.executeQuery("SELECT topic_name, description, related_tables, biz_entities, "
                    + "biz_metrics, created_at FROM metadata ORDER BY id LIMIT 2")) {
                assertTrue(rs.next());
                assertEquals("日营业分析", rs.getString(1));
                assertArrayEquals(new String[] {"服务区", "档口", "支付方式"}, strings(rs.getArray(4)));
                assertTrue(rs.getTimestamp(6) != null);
                assertTrue(rs.next());
                assertEquals("O'Brien的主题", rs.getString(1));
                assertEquals("含'引号'、逗号,和{大括号}\"双引号\"", rs.getString(2));
                assertArrayEquals(new String[] {"a", "ods.b"}, strings(rs.getArray(3)));
                assertArrayEquals(new String[] {"x,y"}, strings(rs.getArray(4)));
                assertArrayEquals(new String[0], strings(rs.getArray(5)));
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM metadata")) {
                rs.next();
                assertEquals(4, rs.getInt(1));
            }
        }
    }

    @Test
    void metadataDetailIsTheOriginalsFixedText() {
        assumeTrue(ExampleRunDocs.available(), "needs ../shared beside the clone");
        assertEquals(ExampleRunDocs.read("metadata_detail.md").strip(), metadata.metadataDetail().strip());
    }

    @Test
    void writesTheThreeFiles() {
        InMemoryTaskFiles files = new InMemoryTaskFiles().with(MetadataFiles.METADATA_SQL, "old");
        metadata.write(files, "highway_db", "高速公路服务区管理系统", THEMES, "{\n  \"业务范围\": \"…\"\n}", AT)
                .await().atMost(Duration.ofSeconds(10));
        assertTrue(files.get(MetadataFiles.METADATA_SQL).contains("INSERT INTO metadata"));
        assertEquals(metadata.metadataDetail(), files.get(MetadataFiles.METADATA_DETAIL));
        assertEquals("{\n  \"业务范围\": \"…\"\n}", files.get(MetadataFiles.DECISION_PROMPT));
    }

    private static String[] strings(Array array) throws Exception {
        return (String[]) array.getArray();
    }
}
