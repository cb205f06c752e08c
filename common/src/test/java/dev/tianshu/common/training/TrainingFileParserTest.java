package dev.tianshu.common.training;

import dev.tianshu.common.testing.SharedDatasets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.training.TrainingFileParser.FileType;
import dev.tianshu.common.training.TrainingFileParser.Parsed;
import dev.tianshu.common.training.TrainingFileParser.Problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TrainingFileParserTest {

    private static final String SRC = "src.file";

    private static List<String> ddls(Parsed parsed) {
        return parsed.items().stream().map(i -> {
            assertEquals("ddl", i.trainingDataType());
            assertEquals(SRC, i.sourceFile());
            return i.ddl();
        }).toList();
    }

    private static List<String> docs(Parsed parsed) {
        return parsed.items().stream().map(i -> {
            assertEquals("documentation", i.trainingDataType());
            assertEquals(SRC, i.sourceFile());
            return i.content();
        }).toList();
    }

    private static Parsed ddl(String text) {
        return TrainingFileParser.parse(FileType.DDL, text, SRC);
    }

    private static Parsed md(String text) {
        return TrainingFileParser.parse(FileType.MARKDOWN, text, SRC);
    }

    private static Parsed json(String text) {
        return TrainingFileParser.parse(FileType.SQL_PAIR_JSON, text, SRC);
    }

    private static Parsed pairs(String text) {
        return TrainingFileParser.parse(FileType.SQL_PAIR, text, SRC);
    }

    private static void assertSql(TrainingItemInput item, String question, String sql) {
        assertEquals("sql", item.trainingDataType());
        assertEquals(question, item.question());
        assertEquals(sql, item.sql());
        assertEquals(SRC, item.sourceFile());
    }

    // ------------------------------------------------------------------------------------------------ file types

    @Nested
    class FileTypes {

        @Test
        void ofNameKnowsTheApiNames() {
            assertEquals(Optional.of(FileType.DDL), FileType.ofName("ddl"));
            assertEquals(Optional.of(FileType.MARKDOWN), FileType.ofName("markdown"));
            assertEquals(Optional.of(FileType.SQL_PAIR_JSON), FileType.ofName("sql_pair_json"));
            assertEquals(Optional.of(FileType.SQL_PAIR), FileType.ofName("sql_pair"));
            assertEquals(Optional.of(FileType.SQL_PAIR), FileType.ofName(" SQL_PAIR "));
            for (FileType t : FileType.values()) {
                assertEquals(Optional.of(t), FileType.ofName(t.apiName()));
            }
        }

        @Test
        void ofNameRejectsUnknownNames() {
            assertEquals(Optional.empty(), FileType.ofName(null));
            assertEquals(Optional.empty(), FileType.ofName(""));
            assertEquals(Optional.empty(), FileType.ofName("md"));
            assertEquals(Optional.empty(), FileType.ofName("json"));
            assertEquals(Optional.empty(), FileType.ofName("documentation"));
        }

        @Test
        void ofFileNameBySuffix() {
            assertEquals(Optional.of(FileType.DDL), FileType.ofFileName("bss_company.ddl"));
            assertEquals(Optional.of(FileType.DDL), FileType.ofFileName("BSS_COMPANY.DDL"));
            assertEquals(Optional.of(FileType.MARKDOWN), FileType.ofFileName("bss_company_detail.md"));
            assertEquals(Optional.of(FileType.MARKDOWN), FileType.ofFileName("notes.markdown"));
            assertEquals(Optional.of(FileType.SQL_PAIR_JSON), FileType.ofFileName("qs_db_1_pair.json"));
            assertEquals(Optional.of(FileType.SQL_PAIR_JSON), FileType.ofFileName("qs_db_1_pairs.json"));
            assertEquals(Optional.of(FileType.SQL_PAIR), FileType.ofFileName("qs_db_1_pair.sql"));
            assertEquals(Optional.of(FileType.SQL_PAIR), FileType.ofFileName("qs_db_1_pairs.sql"));
            assertEquals(Optional.of(FileType.DDL), FileType.ofFileName("task_1/sub/bss_company.ddl"));
            assertEquals(Optional.of(FileType.DDL), FileType.ofFileName("C:\\task_1\\bss_company.ddl"));
        }

        @Test
        void ofFileNameIgnoresOtherFiles() {
            for (String name : List.of("table_list.txt", "task_config.json", "filename_mapping.txt",
                    "task_result.json", "metadata.txt", "db_query_decision_prompt.txt", "x.json", "x.sql",
                    "pair.json.txt", "readme", "x.ddl.txt", "")) {
                assertEquals(Optional.empty(), FileType.ofFileName(name), name);
            }
            assertEquals(Optional.empty(), FileType.ofFileName(null));
        }

        @Test
        void ofFileNameSkipsNamesTheLoaderMustSkip() {
            for (String name : List.of("bss_company.ddl_1", "bss_company.ddl_20250721", "bss_company_detail.md_2",
                    "bss_company.ddl_old", "bss_company_detail.md_old", "qs_x_pair.json_old",
                    "qs_x_pair.json.backup", "bss_company.ddl.backup", "x.backup.ddl", "dir/x.md_3")) {
                assertEquals(Optional.empty(), FileType.ofFileName(name), name);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------- DDL

    @Nested
    class Ddl {

        @Test
        void oneItemPerStatementTrimmedAndTerminated() {
            Parsed p = ddl("  create table a (id int);\n\n  create table b (id int)  ;  \n");
            assertEquals(List.of("create table a (id int);", "create table b (id int);"), ddls(p));
            assertEquals(List.of(), p.problems());
        }

        @Test
        void lastStatementWithoutSemicolonIsReterminated() {
            assertEquals(List.of("create table a (id int);"), ddls(ddl("create table a (id int)")));
        }

        @Test
        void semicolonBeforeAFinalLineCommentIsPlacedBeforeTheComment() {
            List<String> items = ddls(ddl("create table a (id int) -- 结尾注释"));
            assertEquals(List.of("create table a (id int); -- 结尾注释"), items);
        }

        @Test
        void semicolonsInLineCommentsDoNotSplit() {
            String text = """
                    -- 中文名: 表A；说明; 还是注释
                    create table a (
                      id varchar(32) not null -- 主键ID;主键,
                      name text               -- 名称；全角分号
                    );
                    """;
            List<String> items = ddls(ddl(text));
            assertEquals(1, items.size());
            assertTrue(items.get(0).startsWith("-- 中文名: 表A；说明; 还是注释\ncreate table a ("), items.get(0));
            assertTrue(items.get(0).endsWith(");"), items.get(0));
        }

        @Test
        void semicolonsInBlockCommentsDoNotSplit() {
            String text = "/* 说明; 第一行\n 第二行; */ create table a (id int /* a; b /* 嵌套; */ c; */);"
                    + "create table b (id int);";
            List<String> items = ddls(ddl(text));
            assertEquals(2, items.size());
            assertTrue(items.get(0).contains("嵌套; */ c; */);"), items.get(0));
            assertEquals("create table b (id int);", items.get(1));
        }

        @Test
        void semicolonsInStringsDoNotSplit() {
            String text = "insert into t values ('a;b', 'it''s; fine', E'x\\';y');\ninsert into t values ('c');";
            List<String> items = ddls(ddl(text));
            assertEquals(List.of("insert into t values ('a;b', 'it''s; fine', E'x\\';y');",
                    "insert into t values ('c');"), items);
        }

        @Test
        void semicolonsInQuotedIdentifiersDoNotSplit() {
            String text = "create table \"we;ird\" (\"col;1\" int);\ncreate table `x;y` (id int);";
            assertEquals(List.of("create table \"we;ird\" (\"col;1\" int);", "create table `x;y` (id int);"),
                    ddls(ddl(text)));
        }

        @Test
        void semicolonsInDollarQuotedStringsDoNotSplit() {
            String text = """
                    create function f() returns int as $$ select 1; select 2; $$ language sql;
                    create function g() returns int as $body$ begin return 1; end; $body$ language plpgsql;
                    select $1, a$b from t;
                    """;
            List<String> items = ddls(ddl(text));
            assertEquals(3, items.size(), items.toString());
            assertTrue(items.get(0).endsWith("$$ language sql;"));
            assertTrue(items.get(1).endsWith("$body$ language plpgsql;"));
            assertEquals("select $1, a$b from t;", items.get(2));
        }

        @Test
        void commentOnIsGroupedWithItsCreateTable() {
            String text = """
                    CREATE TABLE public.a (id int, amount numeric);
                    CREATE TABLE b (x int);
                    COMMENT ON TABLE public.a IS '表A;测试';
                    COMMENT ON COLUMN a.amount IS '金额;含税';
                    comment on column public.b.x is 'X''s; 列';
                    COMMENT ON COLUMN B.X IS '大写名也算同一张表';
                    """;
            Parsed p = ddl(text);
            assertEquals(List.of(), p.problems());
            assertEquals(List.of(
                    "CREATE TABLE public.a (id int, amount numeric);\n"
                            + "COMMENT ON TABLE public.a IS '表A;测试';\n"
                            + "COMMENT ON COLUMN a.amount IS '金额;含税';",
                    "CREATE TABLE b (x int);\n"
                            + "comment on column public.b.x is 'X''s; 列';\n"
                            + "COMMENT ON COLUMN B.X IS '大写名也算同一张表';"), ddls(p));
        }

        @Test
        void commentOnQuotedNamesAndCreateVariants() {
            String text = """
                    create unlogged table if not exists "Odd;Name" (id int);
                    comment on table "Odd;Name" is 'x';
                    comment on column "Odd;Name".id is 'y';
                    """;
            Parsed p = ddl(text);
            assertEquals(1, p.items().size(), p.toString());
            assertEquals(List.of(), p.problems());
        }

        @Test
        void commentOnWithoutMatchingCreateIsKeptAndReported() {
            String text = """
                    create table s1.t (id int);
                    comment on table s2.t is 'other schema';
                    comment on column t.id is 'no schema: matches s1.t';
                    comment on table missing is 'nothing';
                    """;
            Parsed p = ddl(text);
            List<String> items = ddls(p);
            assertEquals(3, items.size(), items.toString());
            assertEquals("create table s1.t (id int);\ncomment on column t.id is 'no schema: matches s1.t';",
                    items.get(0));
            assertEquals("comment on table s2.t is 'other schema';", items.get(1));
            assertEquals("comment on table missing is 'nothing';", items.get(2));
            assertEquals(2, p.problems().size());
            assertEquals(2, p.problems().get(0).position());
            assertTrue(p.problems().get(0).message().contains("s2.t"), p.problems().get(0).message());
            assertEquals(4, p.problems().get(1).position());
        }

        @Test
        void commentOnlyStatementsAreDroppedButLeadingCommentsKept() {
            String text = """
                    -- 文件头注释;
                    ;;
                    -- 中文名: 表A
                    create table a (id int);  -- 行尾注释; 属于上一条
                    /* 只有注释 */ ;
                    -- 文件结尾注释
                    """;
            Parsed p = ddl(text);
            assertEquals(List.of("-- 中文名: 表A\ncreate table a (id int); -- 行尾注释; 属于上一条"), ddls(p));
            assertEquals(List.of(), p.problems());
        }

        @Test
        void onlyCommentsGivesNoItemsAndAProblem() {
            Parsed p = ddl("-- nothing here;\n/* still nothing */\n");
            assertEquals(List.of(), p.items());
            assertEquals(1, p.problems().size());
        }

        @Test
        void unclosedStringIsReportedNotThrown() {
            Parsed p = ddl("create table a (id int);\ncomment on table a is 'unclosed; text\n");
            assertEquals(1, p.items().size());
            assertTrue(p.items().get(0).ddl().contains("'unclosed; text"));
            assertEquals(1, p.problems().size());
            assertEquals(2, p.problems().get(0).position());
            assertTrue(p.problems().get(0).message().contains("没有闭合"));
        }

        @Test
        void originalStyleDdlWithCommaAfterCommentIsOneItem() {
            String text = """
                    -- 中文名: 服务区
                    -- 描述: 服务区表，用于测试；
                    create table public.t (
                      id varchar(32) not null     -- 主键ID，主键,
                      name varchar(255)           -- 名称,
                      primary key (id)
                    );""";
            List<String> items = ddls(ddl(text));
            assertEquals(List.of(text), items);
        }

        @Test
        void crlfAndBomAreNormalised() {
            Parsed p = ddl("\uFEFFcreate table a (\r\n  id int -- x;y\r\n);\r\ncreate table b (id int);\r\n");
            List<String> items = ddls(p);
            assertEquals(List.of("create table a (\n  id int -- x;y\n);", "create table b (id int);"), items);
        }
    }

    // -------------------------------------------------------------------------------------------------- Markdown

    @Nested
    class Markdown {

        @Test
        void splitsAtLevelOneToThreeHeadings() {
            String text = """
                    前言文字

                    # 一级
                    内容1
                    ## 二级
                    内容2
                    #### 四级不拆分
                    #不是标题
                    ### 三级
                    内容3
                    """;
            List<String> items = docs(md(text));
            assertEquals(List.of("前言文字", "# 一级\n内容1", "## 二级\n内容2\n#### 四级不拆分\n#不是标题",
                    "### 三级\n内容3"), items);
        }

        @Test
        void blankPreambleIsNotASection() {
            assertEquals(List.of("## a\nx", "## b"), docs(md("\n  \n## a\nx\n\n## b\n")));
        }

        @Test
        void headingsInsideFencedCodeDoNotSplit() {
            String text = """
                    ## 示例
                    ```bash
                    # 这是 shell 注释
                    ## 还是注释
                    ```
                    ~~~~
                    # 也是代码
                    ```
                    # 仍在 ~~~~ 代码块里
                    ~~~~
                    ## 下一节
                    """;
            List<String> items = docs(md(text));
            assertEquals(2, items.size(), items.toString());
            assertTrue(items.get(0).endsWith("~~~~"), items.get(0));
            assertEquals("## 下一节", items.get(1));
        }

        @Test
        void unclosedFenceKeepsTheRestInOneSection() {
            Parsed p = md("## a\n```\n# code\n## code\n");
            assertEquals(1, p.items().size());
            assertEquals(1, p.problems().size());
        }

        @Test
        void longSectionIsOneItemWithAWarning() {
            String body = "字".repeat(2100);
            Parsed p = md("## 短\nx\n## 长\n" + body + "\n## 尾\ny");
            List<String> items = docs(p);
            assertEquals(3, items.size());
            assertEquals("## 长\n" + body, items.get(1));
            assertEquals(1, p.problems().size());
            Problem problem = p.problems().get(0);
            assertEquals(2, problem.position());
            assertTrue(problem.message().startsWith("文档片段超过2000字符"), problem.message());
        }

        @Test
        void sectionOfExactly2000CharactersIsNotReported() {
            String section = "## h\n" + "x".repeat(2000 - 5);
            Parsed p = md(section);
            assertEquals(List.of(section), docs(p));
            assertEquals(List.of(), p.problems());
        }

        @Test
        void crlfAndBomAreNormalised() {
            assertEquals(List.of("# a\nx", "## b\ny"), docs(md("\uFEFF# a\r\nx\r\n## b\r\ny\r\n")));
        }
    }

    // ------------------------------------------------------------------------------------------------ JSON pairs

    @Nested
    class SqlPairJson {

        @Test
        void readsPairsAndTrims() {
            Parsed p = json("""
                    [ {"question": "  问题1 ", "sql": " SELECT 1; "},
                      {"question": "问题2", "sql": "SELECT 2", "extra": 3} ]""");
            assertEquals(2, p.items().size());
            assertSql(p.items().get(0), "问题1", "SELECT 1;");
            assertSql(p.items().get(1), "问题2", "SELECT 2");
            assertEquals(List.of(), p.problems());
        }

        @Test
        void keysAreCaseInsensitive() {
            Parsed p = json("[{\"Question\": \"q1\", \"SQL\": \"s1\"}, {\"QUESTION\": \"q2\", \"Sql\": \"s2\"}]");
            assertEquals(2, p.items().size());
            assertSql(p.items().get(0), "q1", "s1");
            assertSql(p.items().get(1), "q2", "s2");
        }

        @Test
        void badElementsAreReportedByOneBasedNumber() {
            Parsed p = json("""
                    [
                      {"question": "ok", "sql": "select 1"},
                      {"question": "no sql"},
                      {"question": "  ", "sql": "select 2"},
                      "just a string",
                      null,
                      {"question": "q", "sql": 42},
                      {"question": "ok2", "sql": "select 3"}
                    ]""");
            assertEquals(2, p.items().size());
            assertSql(p.items().get(1), "ok2", "select 3");
            assertEquals(List.of(2, 3, 4, 5, 6), p.problems().stream().map(Problem::position).toList());
            assertTrue(p.problems().get(0).message().startsWith("第2个元素"), p.problems().get(0).message());
            assertTrue(p.problems().get(0).message().contains("sql"));
            assertTrue(p.problems().get(1).message().contains("question"));
        }

        @Test
        void invalidJsonIsASingleProblem() {
            for (String bad : List.of("[{\"question\": \"q\", \"sql\": ", "not json", "[1, 2,]x",
                    "[{\"question\": \"q\", \"sql\": \"s\"}] trailing")) {
                Parsed p = json(bad);
                assertEquals(List.of(), p.items(), bad);
                assertEquals(1, p.problems().size(), bad);
            }
        }

        @Test
        void notAnArrayIsASingleProblem() {
            for (String bad : List.of("{\"question\": \"q\", \"sql\": \"s\"}", "\"text\"", "42", "null")) {
                Parsed p = json(bad);
                assertEquals(List.of(), p.items(), bad);
                assertEquals(1, p.problems().size(), bad);
                assertTrue(p.problems().get(0).message().contains("数组"), bad);
            }
        }

        @Test
        void emptyArrayIsReported() {
            Parsed p = json("[]");
            assertEquals(List.of(), p.items());
            assertEquals(1, p.problems().size());
        }

        @Test
        void bomAndCrlfAreAccepted() {
            Parsed p = json("\uFEFF[\r\n{\"question\": \"q\",\r\n \"sql\": \"s\"}\r\n]\r\n");
            assertEquals(1, p.items().size());
            assertEquals(List.of(), p.problems());
        }
    }

    // ------------------------------------------------------------------------------------------------ text pairs

    @Nested
    class SqlPairText {

        @Test
        void readsBlocksWithMultiLineSql() {
            Parsed p = pairs("""
                    Question: 问题一
                    SQL: SELECT *
                      FROM t
                      WHERE a = 1;

                    question：问题二
                    sql：select 2;


                    QUESTION : 问题三
                    Sql:
                    select 3
                    """);
            assertEquals(List.of(), p.problems());
            assertEquals(3, p.items().size());
            assertSql(p.items().get(0), "问题一", "SELECT *\n  FROM t\n  WHERE a = 1;");
            assertSql(p.items().get(1), "问题二", "select 2;");
            assertSql(p.items().get(2), "问题三", "select 3");
        }

        @Test
        void nextQuestionEndsTheSqlWithoutABlankLine() {
            Parsed p = pairs("Question: a\nSQL: select 1\nfrom x\nQuestion: b\nSQL: select 2");
            assertEquals(2, p.items().size());
            assertSql(p.items().get(0), "a", "select 1\nfrom x");
            assertSql(p.items().get(1), "b", "select 2");
        }

        @Test
        void malformedBlocksAreReported() {
            Parsed p = pairs("""
                    Question: 没有 SQL

                    SQL: select 'no question'

                    随便写的文字
                    SQL: select 1

                    Question:
                    SQL: select 'blank question'

                    Question: 空 SQL
                    SQL:

                    Question: 好的
                    SQL: select 'ok'
                    """);
            assertEquals(1, p.items().size());
            assertSql(p.items().get(0), "好的", "select 'ok'");
            assertEquals(List.of(1, 3, 5, 8, 11), p.problems().stream().map(Problem::position).toList());
            assertTrue(p.problems().get(0).message().startsWith("第1行开始的块"), p.problems().get(0).message());
        }

        @Test
        void crlfAndBomAreNormalised() {
            Parsed p = pairs("\uFEFFQuestion: q\r\nSQL: select 1\r\n  from t\r\n");
            assertEquals(1, p.items().size());
            assertSql(p.items().get(0), "q", "select 1\n  from t");
        }
    }

    // ------------------------------------------------------------------------------------------------- robustness

    @Test
    void nullTextIsAProblemForEveryType() {
        for (FileType type : FileType.values()) {
            Parsed p = TrainingFileParser.parse(type, null, SRC);
            assertEquals(List.of(), p.items(), type.toString());
            assertEquals(1, p.problems().size(), type.toString());
        }
    }

    @Test
    void nullTypeIsAProblem() {
        Parsed p = TrainingFileParser.parse(null, "x", SRC);
        assertEquals(List.of(), p.items());
        assertEquals(1, p.problems().size());
    }

    @Test
    void blankTextIsAProblem() {
        for (FileType type : FileType.values()) {
            Parsed p = TrainingFileParser.parse(type, "\uFEFF \r\n\t", SRC);
            assertEquals(List.of(), p.items(), type.toString());
            assertEquals(1, p.problems().size(), type.toString());
        }
    }

    @Test
    void nothingThrowsOnOddInput() {
        List<String> odd = List.of("'", "\"", "`", "$$", "$a$", "$", "/*", "/* /* */", "--", ";", "E'\\",
                "```", "~~~", "#", "[", "{", "[[[[", "[".repeat(5000), "Question:", "SQL:", "：", "\r", "\r\r\n",
                "\uFEFF", "\uD83D", "comment on column x is 'y';", "comment on table;", "create table ;",
                "create table \"x", "comment on column \"a\".\"b", "\u0000\u0001");
        for (FileType type : FileType.values()) {
            for (String text : odd) {
                Parsed p = TrainingFileParser.parse(type, text, null);
                assertTrue(p.items() != null && p.problems() != null);
                assertFalse(p.items().isEmpty() && p.problems().isEmpty(), type + ": " + text);
            }
        }
    }

    // -------------------------------------------------------------------------------------- example task directory

    private static final Path TASK_DIR =
            SharedDatasets.path("highway_db", "example_pipeline_run");

    private static final Pattern CREATE_TABLE_LINE =
            Pattern.compile("(?im)^\\s*create\\s+table\\b");

    private static List<Path> taskFiles() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(TASK_DIR), "example task directory not present");
        try (Stream<Path> files = Files.list(TASK_DIR)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static Parsed parseFile(FileType type, Path file) throws IOException {
        String name = file.getFileName().toString();
        return TrainingFileParser.parse(type, Files.readString(file, StandardCharsets.UTF_8), name);
    }

    @Test
    void exampleDdlFilesGiveOneItemPerCreateTable() throws IOException {
        List<Path> ddlFiles = taskFiles().stream().filter(f -> f.getFileName().toString().endsWith(".ddl")).toList();
        assertEquals(7, ddlFiles.size());
        for (Path file : ddlFiles) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int creates = 0;
            Matcher m = CREATE_TABLE_LINE.matcher(text);
            while (m.find()) {
                creates++;
            }
            assertTrue(creates >= 1, file.toString());
            assertEquals(Optional.of(FileType.DDL), FileType.ofFileName(file.getFileName().toString()));
            Parsed p = parseFile(FileType.DDL, file);
            assertEquals(creates, p.items().size(), file.toString());
            assertEquals(List.of(), p.problems(), file.toString());
            for (TrainingItemInput item : p.items()) {
                assertEquals("ddl", item.trainingDataType());
                assertEquals(file.getFileName().toString(), item.sourceFile());
                assertTrue(item.ddl().toLowerCase().contains("create table"), item.ddl());
                assertTrue(item.ddl().endsWith(";"), item.ddl());
            }
        }
    }

    @Test
    void exampleMarkdownFilesGiveDocumentation() throws IOException {
        List<Path> mdFiles = taskFiles().stream()
                .filter(f -> f.getFileName().toString().endsWith("_detail.md")).toList();
        assertEquals(8, mdFiles.size()); // seven tables plus metadata_detail.md
        assertTrue(mdFiles.stream().anyMatch(f -> f.getFileName().toString().equals("metadata_detail.md")));
        for (Path file : mdFiles) {
            assertEquals(Optional.of(FileType.MARKDOWN), FileType.ofFileName(file.getFileName().toString()));
            Parsed p = parseFile(FileType.MARKDOWN, file);
            assertTrue(p.items().size() >= 1, file.toString());
            for (TrainingItemInput item : p.items()) {
                assertEquals("documentation", item.trainingDataType());
                assertFalse(item.content().isBlank());
            }
            // only the length warning may appear
            for (Problem problem : p.problems()) {
                assertTrue(problem.message().startsWith("文档片段超过2000字符"), problem.message());
            }
        }
    }

    @Test
    void exampleQuestionSqlPairsGiveOneItemPerElement() throws IOException {
        taskFiles();
        Path file = TASK_DIR.resolve("qs_highway_db_20250721_203452_pair.json");
        assertEquals(Optional.of(FileType.SQL_PAIR_JSON), FileType.ofFileName(file.getFileName().toString()));
        JsonNode array = new ObjectMapper().readTree(file.toFile());
        assertTrue(array.isArray());
        assertTrue(array.size() > 0);
        Parsed p = parseFile(FileType.SQL_PAIR_JSON, file);
        assertEquals(List.of(), p.problems());
        assertEquals(array.size(), p.items().size());
        for (int i = 0; i < array.size(); i++) {
            TrainingItemInput item = p.items().get(i);
            assertEquals("sql", item.trainingDataType());
            assertEquals(array.get(i).get("question").asText().strip(), item.question());
            assertEquals(array.get(i).get("sql").asText().strip(), item.sql());
        }
    }

    @Test
    void exampleNonTrainingFilesAreNotRecognised() throws IOException {
        List<Path> files = taskFiles();
        for (String name : List.of("qs_highway_db_20250721_203452_pair.json.backup", "table_list.txt",
                "task_config.json", "filename_mapping.txt", "task_result.json", "metadata.txt",
                "db_query_decision_prompt.txt")) {
            assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals(name)), name);
            assertEquals(Optional.empty(), FileType.ofFileName(name), name);
        }
        // and the directory as a whole: 7 ddl + 8 markdown + 1 json pair file
        long recognised = files.stream()
                .filter(f -> FileType.ofFileName(f.getFileName().toString()).isPresent()).count();
        assertEquals(16, recognised);
    }
}
