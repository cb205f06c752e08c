package dev.tianshu.pipeline.step.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.tianshu.common.sql.ReadOnlySql;
import dev.tianshu.common.testing.PostgresTestResource;
import dev.tianshu.pipeline.model.ColumnInfo;
import dev.tianshu.pipeline.model.DbConnection;
import dev.tianshu.pipeline.model.ForeignKeyRef;
import dev.tianshu.pipeline.model.QaPair;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableInfo;
import dev.tianshu.pipeline.model.TableRef;
import dev.tianshu.pipeline.model.Theme;
import dev.tianshu.pipeline.testing.BusinessDbs;

/**
 * The built-in generator on the seven highway tables of the original's example run (run on the demo highway_db), on
 * a small schema without dates or measures, and on pagila documented straight from its catalog.
 */
class BuiltinQuestionSqlGeneratorTest {

    static final String CONTEXT = "高速公路服务区管理系统";
    static final Duration WAIT = Duration.ofSeconds(60);
    static final Pattern TABLE_REF = Pattern.compile("\\b(?:FROM|JOIN) ([a-z_][a-z0-9_.]*)(?: ([a-z][a-z0-9_]*))?");
    static final Set<String> NOT_AN_ALIAS = Set.of("where", "join", "on", "group", "order", "limit", "having");
    static final Pattern CJK_ALIAS = Pattern.compile("\\bAS \"?\\p{IsHan}");

    private final BuiltinQuestionSqlGenerator generator = new BuiltinQuestionSqlGenerator();

    @Test
    void highwayFiveThemesOfTenPairsThatRunOnTheDemoDatabase() throws Exception {
        assumeTrue(ExampleRunDocs.available(), "needs ../shared beside the clone");
        SchemaDocs docs = ExampleRunDocs.schemaDocs();
        List<Theme> themes = generator.themes(docs, CONTEXT, 5).await().atMost(WAIT);
        assertEquals(5, themes.size());
        Map<Theme, List<QaPair>> pairs = new LinkedHashMap<>();
        for (Theme theme : themes) {
            pairs.put(theme, generator.pairs(docs, CONTEXT, theme, 10).await().atMost(WAIT));
        }
        List<QaPair> all = pairs.values().stream().flatMap(List::stream).toList();
        assertEquals(50, all.size(), "5 themes × 10 pairs");
        assertEquals(50, all.stream().map(QaPair::question).distinct().count(), "no question twice");
        assertEquals(50, all.stream().map(QaPair::sql).distinct().count(), "no SQL twice");

        for (Theme theme : themes) {
            assertTrue(theme.topicName().length() <= 10, theme.topicName());
            assertFalse(theme.description().isBlank());
            assertTrue(theme.bizEntities().size() >= 3 && theme.bizEntities().size() <= 5, theme.toString());
            assertTrue(theme.bizMetrics().size() >= 3 && theme.bizMetrics().size() <= 5, theme.toString());
            assertTrue(docs.tables().stream().anyMatch(t -> t.table().ref().name().equals(theme.relatedTables().get(0))));
        }
        assertEquals(5, themes.stream().map(Theme::topicName).distinct().count());

        Set<String> softDeleted = new HashSet<>();
        docs.tables().stream().filter(t -> t.table().column("delete_ts").isPresent())
                .forEach(t -> softDeleted.add(t.table().ref().name()));
        for (QaPair p : all) {
            assertTrue(ReadOnlySql.check(p.sql()).allowed(), p.sql());
            assertFalse(p.sql().contains("\n") || p.question().contains("\n"));
            assertTrue(p.sql().endsWith(";") && !p.sql().endsWith(";;"), p.sql());
            assertTrue(CJK_ALIAS.matcher(p.sql()).find(), "a Chinese alias: " + p.sql());
            assertTrue(p.question().codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp)
                    == Character.UnicodeScript.HAN), p.question());
            assertSoftDeleteFiltered(p.sql(), softDeleted);
        }

        int explained = 0;
        int withRows = 0;
        List<String> problems = new ArrayList<>();
        try (SqlProbe probe = new SqlProbe(BusinessDbs.highway())) {
            for (QaPair p : all) {
                SqlProbe.Outcome o = probe.probe(p.sql());
                explained += o.explained() ? 1 : 0;
                withRows += o.hasRows() ? 1 : 0;
                if (!o.hasRows()) {
                    problems.add(p.question() + " → " + (o.error() == null ? "no rows" : o.error()));
                }
            }
        }
        System.out.printf("highway_db: %d/50 EXPLAIN cleanly (%.0f%%), %d/50 return rows; others: %s%n", explained,
                explained * 2.0, withRows, problems);
        assertEquals(50, explained, problems.toString());
        assertTrue(withRows >= 45, withRows + " return rows; " + problems);
    }

    @Test
    void sameSchemaSameOutput() {
        assumeTrue(ExampleRunDocs.available(), "needs ../shared beside the clone");
        SchemaDocs docs = ExampleRunDocs.schemaDocs();
        List<Theme> first = generator.themes(docs, CONTEXT, 5).await().atMost(WAIT);
        assertEquals(first, generator.themes(ExampleRunDocs.schemaDocs(), CONTEXT, 5).await().atMost(WAIT));
        assertEquals(generator.pairs(docs, CONTEXT, first.get(2), 10).await().atMost(WAIT),
                generator.pairs(ExampleRunDocs.schemaDocs(), CONTEXT, first.get(2), 10).await().atMost(WAIT));
        assertEquals(generator.decisionPrompt(docs, CONTEXT, first).await().atMost(WAIT),
                generator.decisionPrompt(docs, CONTEXT, first).await().atMost(WAIT));
    }

    @Test
    void returnsFewerThemesAndPairsRatherThanRepeatingThemselves() {
        assumeTrue(ExampleRunDocs.available(), "needs ../shared beside the clone");
        SchemaDocs docs = ExampleRunDocs.schemaDocs();
        List<Theme> themes = generator.themes(docs, CONTEXT, 20).await().atMost(WAIT);
        assertEquals(7, themes.size(), "one theme per table at most");
        Set<String> questions = new HashSet<>();
        for (Theme theme : themes) {
            List<QaPair> pairs = generator.pairs(docs, CONTEXT, theme, 100).await().atMost(WAIT);
            assertFalse(pairs.isEmpty());
            assertTrue(pairs.size() < 100);
            for (QaPair p : pairs) {
                assertTrue(questions.add(p.question()), "asked twice: " + p.question());
            }
        }
        Theme unknown = new Theme("未知主题", "", List.of("no_such_table"), List.of(), List.of());
        assertEquals(List.of(), generator.pairs(docs, CONTEXT, unknown, 10).await().atMost(WAIT));
    }

    @Test
    void decisionPromptDescribesScopeEntitiesAndMetrics() {
        assumeTrue(ExampleRunDocs.available(), "needs ../shared beside the clone");
        SchemaDocs docs = ExampleRunDocs.schemaDocs();
        List<Theme> themes = generator.themes(docs, CONTEXT, 5).await().atMost(WAIT);
        String prompt = generator.decisionPrompt(docs, CONTEXT, themes).await().atMost(WAIT);
        assertTrue(prompt.startsWith("{\n  \"业务范围\": \"当前数据库存储的是高速公路服务区管理系统的相关数据"), prompt);
        for (String key : List.of("\"数据范围\": ", "\"核心业务实体\": [", "\"实体类型\": \"服务区\"", "\"主要字段\": [",
                "\"service_area_name\"", "\"关键业务指标\": [", "\"指标类型\": \"总支付金额\"")) {
            assertTrue(prompt.contains(key), key + " in " + prompt);
        }
    }

    /** A schema with names and enums only: no dates, no measures, no soft-delete timestamps. */
    @Test
    void schemaWithoutDatesOrMeasuresStillGivesSensiblePairs() throws Exception {
        String url = BusinessDbs.scratch();
        try (Connection c = PostgresTestResource.server().connect(DbConnection.parse(url).database());
                Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE dept (id integer PRIMARY KEY, dept_name varchar(50), dept_type varchar(20),
                        is_deleted boolean NOT NULL DEFAULT false);
                    CREATE TABLE employee (id integer PRIMARY KEY, emp_name varchar(50), gender varchar(4),
                        job_title varchar(20), dept_id integer REFERENCES dept(id), is_deleted boolean NOT NULL DEFAULT false);
                    INSERT INTO dept VALUES (1, '研发部', '研发', false), (2, '华东销售部', '销售', false), (3, '旧部门', '销售', true);
                    INSERT INTO employee VALUES (1, '张三', '男', '工程师', 1, false), (2, '李四', '女', '经理', 2, false),
                        (3, '王五', '男', '工程师', 1, false), (4, '赵六', '女', '主管', 2, true);
                    """);
        }
        TableRef dept = new TableRef("public", "dept");
        TableDoc deptDoc = doc(dept, "部门表，记录公司的各个部门", List.of(
                column(1, "id", "integer", "部门ID", true, null),
                column(2, "dept_name", "varchar(50)", "部门名称", false, null),
                column(3, "dept_type", "varchar(20)", "部门类型", false, null),
                column(4, "is_deleted", "boolean", "是否删除", false, null)),
                Map.of("dept_type", List.of("研发", "销售")), List.of(Map.of("dept_name", "研发部")));
        TableDoc employeeDoc = doc(new TableRef("public", "employee"), "员工表，记录员工的基本信息", List.of(
                column(1, "id", "integer", "员工ID", true, null),
                column(2, "emp_name", "varchar(50)", "员工姓名", false, null),
                column(3, "gender", "varchar(4)", "性别", false, null),
                column(4, "job_title", "varchar(20)", "职位", false, null),
                column(5, "dept_id", "integer", "所属部门ID", false, new ForeignKeyRef("dept_id", dept, "id")),
                column(6, "is_deleted", "boolean", "是否删除", false, null)),
                Map.of("gender", List.of("男", "女"), "job_title", List.of("工程师", "经理", "主管")),
                List.of(Map.of("emp_name", "张三")));
        SchemaDocs docs = new SchemaDocs("scratch", List.of(deptDoc, employeeDoc), "");

        List<Theme> themes = generator.themes(docs, "人事管理系统", 5).await().atMost(WAIT);
        assertEquals(2, themes.size(), "one per table");
        List<QaPair> all = new ArrayList<>();
        for (Theme theme : themes) {
            List<QaPair> pairs = generator.pairs(docs, "人事管理系统", theme, 10).await().atMost(WAIT);
            assertTrue(pairs.size() >= 5, theme.topicName() + ": " + pairs);
            all.addAll(pairs);
        }
        assertEquals(all.size(), all.stream().map(QaPair::question).distinct().count());
        assertTrue(all.stream().anyMatch(p -> p.question().equals("目前共有多少个员工？")), all.toString());
        assertTrue(all.stream().anyMatch(p -> p.question().contains("各性别")), all.toString());
        assertTrue(all.stream().anyMatch(p -> p.question().contains("研发部")), all.toString());
        assertTrue(all.stream().anyMatch(p -> p.sql().contains(" JOIN dept ")), all.toString());
        try (SqlProbe probe = new SqlProbe(url)) {
            for (QaPair p : all) {
                assertTrue(ReadOnlySql.check(p.sql()).allowed(), p.sql());
                assertFalse(p.sql().contains("CURRENT_DATE"), p.sql());
                SqlProbe.Outcome o = probe.probe(p.sql());
                assertTrue(o.explained(), p.sql() + " → " + o.error());
                Matcher m = TABLE_REF.matcher(p.sql());
                while (m.find()) {
                    String alias = m.group(2) == null || NOT_AN_ALIAS.contains(m.group(2)) ? "" : m.group(2) + ".";
                    assertTrue(p.sql().contains(alias + "is_deleted = false"), "soft delete of " + m.group(1)
                            + " in " + p.sql());
                }
            }
        }
    }

    /** pagila documented from its catalog (no comments, English names): every statement must at least EXPLAIN. */
    @Test
    void pagilaStatementsExplain() throws Exception {
        String url = BusinessDbs.pagila();
        assumeTrue(url != null, "needs ../shared beside the clone");
        SchemaDocs docs = CatalogDocs.read(url, List.of("actor", "address", "category", "city", "country", "customer",
                "film", "film_actor", "film_category", "inventory", "language", "payment", "rental", "staff", "store"));
        List<Theme> themes = generator.themes(docs, "DVD租赁", 5).await().atMost(WAIT);
        assertEquals(5, themes.size());
        List<QaPair> all = new ArrayList<>();
        for (Theme theme : themes) {
            all.addAll(generator.pairs(docs, "DVD租赁", theme, 10).await().atMost(WAIT));
        }
        int explained = 0;
        int withRows = 0;
        List<String> failures = new ArrayList<>();
        try (SqlProbe probe = new SqlProbe(url)) {
            for (QaPair p : all) {
                assertTrue(ReadOnlySql.check(p.sql()).allowed(), p.sql());
                SqlProbe.Outcome o = probe.probe(p.sql());
                explained += o.explained() ? 1 : 0;
                withRows += o.hasRows() ? 1 : 0;
                if (!o.explained()) {
                    failures.add(p.sql() + " → " + o.error());
                }
            }
        }
        System.out.printf("pagila: %d/%d EXPLAIN cleanly, %d return rows; themes %s%n", explained, all.size(), withRows,
                themes.stream().map(Theme::topicName).toList());
        assertTrue(all.size() >= 40, all.size() + " pairs");
        assertEquals(all.size(), explained, failures.toString());
        assertEquals(all.size(), all.stream().map(QaPair::question).distinct().count());
    }

    /** Every table of {@code softDeleted} read by the statement (under an alias or not) has its delete_ts filtered. */
    private static void assertSoftDeleteFiltered(String sql, Set<String> softDeleted) {
        Matcher m = TABLE_REF.matcher(sql);
        while (m.find()) {
            if (!softDeleted.contains(m.group(1))) {
                continue;
            }
            String alias = m.group(2) == null || NOT_AN_ALIAS.contains(m.group(2).toLowerCase()) ? "" : m.group(2) + ".";
            String filter = alias + "delete_ts IS NULL";
            assertTrue(alias.isEmpty() ? Pattern.compile("(^|[^.\\w])delete_ts IS NULL").matcher(sql).find()
                    : sql.contains(filter), "no " + filter + " for " + m.group(1) + " in " + sql);
        }
    }

    private static ColumnInfo column(int position, String name, String type, String comment, boolean pk,
            ForeignKeyRef fk) {
        return new ColumnInfo(position, name, type, !pk, null, comment, pk, fk);
    }

    private static TableDoc doc(TableRef ref, String comment, List<ColumnInfo> columns, Map<String, List<String>> enums,
            List<Map<String, String>> samples) {
        Map<String, String> comments = new LinkedHashMap<>();
        columns.forEach(c -> comments.put(c.name(), c.comment()));
        List<String> pk = columns.stream().filter(ColumnInfo::primaryKey).map(ColumnInfo::name).toList();
        List<ForeignKeyRef> fks = columns.stream().map(ColumnInfo::foreignKey).filter(f -> f != null).toList();
        TableInfo info = new TableInfo(ref, comment, columns, pk, fks, -1, null, samples, enums);
        return new TableDoc(info, comment, comments, "test");
    }
}
