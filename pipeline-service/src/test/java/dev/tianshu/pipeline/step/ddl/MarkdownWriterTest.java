package dev.tianshu.pipeline.step.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.tianshu.common.testing.SharedDatasets;
import dev.tianshu.pipeline.model.ColumnInfo;
import dev.tianshu.pipeline.model.ForeignKeyRef;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableInfo;
import dev.tianshu.pipeline.model.TableRef;
import dev.tianshu.pipeline.testing.BusinessDbs;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

class MarkdownWriterTest {

    static final MarkdownWriter WRITER = new MarkdownWriter();
    /** A column line: name, type, comment, optional flags, optional examples. */
    static final Pattern COLUMN_LINE = Pattern.compile(
            "^- (\\S+) \\((.+?)\\) - (.*?)( \\[(?:主键|外键|非空)(?:, (?:主键|外键|非空))*\\])?( \\[示例: .+\\])?$");

    @Test
    void bssCompanyHasTheStructureOfTheOriginalsFileLineForLine() throws Exception {
        Path example = SharedDatasets.path("highway_db", "example_pipeline_run", "bss_company_detail.md");
        assumeTrue(Files.exists(example), "needs ../shared/datasets/highway_db");
        List<String> original = Files.readAllLines(example);
        Vertx vertx = Vertx.vertx();
        Pool pool = DdlTestSupport.pool(vertx, BusinessDbs.highway());
        String markdown;
        try {
            TableInfo info = DdlTestSupport.inspect(pool, "bss_company", DdlTestSupport.DdlSettings.defaults());
            markdown = WRITER.write(new BuiltinCommentGenerator().document(info, "高速公路服务区管理系统"));
        } finally {
            pool.closeAndAwait();
            vertx.closeAndAwait();
        }
        assertTrue(markdown.endsWith("\n") && !markdown.endsWith("\n\n"), "one final newline");
        List<String> ours = markdown.lines().toList();

        assertTrue(ours.get(0).matches("^## bss_company（[^（）]+）$"), ours.get(0));
        assertTrue(original.get(0).matches("^## bss_company（[^（）]+）$"), original.get(0));
        assertTrue(ours.get(1).startsWith("bss_company 表") && original.get(1).startsWith("bss_company 表"));
        assertEquals(original.get(2), ours.get(2));
        assertEquals("字段列表：", ours.get(2));
        int i = 3;
        for (; original.get(i).startsWith("- "); i++) {
            Matcher theirs = COLUMN_LINE.matcher(original.get(i));
            Matcher mine = COLUMN_LINE.matcher(ours.get(i));
            assertTrue(theirs.matches(), original.get(i));
            assertTrue(mine.matches(), ours.get(i));
            assertEquals(theirs.group(1), mine.group(1), "column " + i);
            assertEquals(theirs.group(2), mine.group(2), "type of " + theirs.group(1));
            assertEquals(theirs.group(4), mine.group(4), "flags of " + theirs.group(1));
            assertFalse(mine.group(3).isBlank(), "comment of " + theirs.group(1));
        }
        assertEquals(13, i, "ten columns");
        assertEquals("字段补充说明：", original.get(i));
        assertEquals("字段补充说明：", ours.get(i));
        assertEquals(original.get(i + 1), ours.get(i + 1));
        assertEquals("- id 为主键", ours.get(i + 1));
        // the rest are enum lines (the original's LLM took company_no for one; our check counts its values)
        for (List<String> lines : List.of(original, ours)) {
            for (String line : lines.subList(i + 2, lines.size())) {
                assertTrue(line.matches("^- \\S+ 为枚举字段，包含取值：.+$"), line);
            }
        }
        for (String line : ours) {
            assertEquals(line.strip(), line, "no leading or trailing spaces");
            assertFalse(line.isEmpty(), "no blank lines");
        }
    }

    @Test
    void notesForeignKeysCompositeKeysAndEnums() {
        TableRef ref = new TableRef("ods", "film_actor");
        ForeignKeyRef actor = new ForeignKeyRef("actor_id", new TableRef("public", "actor"), "actor_id");
        List<ColumnInfo> columns = List.of(
                new ColumnInfo(1, "actor_id", "integer", false, null, null, true, actor),
                new ColumnInfo(2, "film_id", "integer", false, null, null, true, null),
                new ColumnInfo(3, "role", "varchar(10)", true, null, null, false, null),
                new ColumnInfo(4, "note", "text", true, null, null, false, null));
        List<Map<String, String>> samples = new ArrayList<>();
        String[] roles = {"lead", "extra", "lead", "cameo", "a", "b", "c", "d", "e", "f", "g", "h", "i"};
        for (int n = 0; n < roles.length; n++) {
            Map<String, String> row = new HashMap<>();
            row.put("actor_id", Integer.toString(n + 1));
            row.put("film_id", "7");
            row.put("role", roles[n]);
            row.put("note", n == 0 ? null : n == 1 ? "  " : "line one\nline two");
            samples.add(row);
        }
        Map<String, List<String>> enums = new LinkedHashMap<>();
        enums.put("role", List.of("lead", "extra", "cameo"));
        TableInfo table = new TableInfo(ref, null, columns, List.of("actor_id", "film_id"), List.of(actor), 13,
                "8192 bytes", samples, enums);
        Map<String, String> comments = new LinkedHashMap<>();
        comments.put("actor_id", "演员ID");
        comments.put("film_id", "电影ID");
        comments.put("role", "角色");
        comments.put("note", "备注\n说明");
        String md = WRITER.write(new TableDoc(table, "电影演员表，演员与电影的关联。", comments, "builtin"));
        assertEquals("""
                ## ods.film_actor（电影演员表）
                ods.film_actor 表电影演员表，演员与电影的关联。
                字段列表：
                - actor_id (integer) - 演员ID [主键, 外键, 非空] [示例: 1, 2]
                - film_id (integer) - 电影ID [主键, 非空] [示例: 7]
                - role (varchar(10)) - 角色 [示例: lead, extra, cameo, a, b, c, d, e, f, g]
                - note (text) - 备注 说明 [示例: line one line two]
                字段补充说明：
                - 复合主键：actor_id, film_id
                - actor_id 为外键，关联 public.actor.actor_id
                - role 为枚举字段，包含取值：lead、extra、cameo
                """, md);
    }

    @Test
    void aTableWithoutKeysOrEnumsHasNoNotes() {
        TableInfo table = new TableInfo(new TableRef("public", "log"), null,
                List.of(new ColumnInfo(1, "msg", "text", true, null, null, false, null)), List.of(), List.of(), 0,
                "0 bytes", List.of(), Map.of());
        assertEquals("## log（日志表）\nlog 表日志表\n字段列表：\n- msg (text) - 消息\n",
                WRITER.write(new TableDoc(table, "日志表", Map.of("msg", "消息"), "builtin")));
    }
}
