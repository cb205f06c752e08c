package dev.tianshu.pipeline.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.tianshu.common.testing.SharedDatasets;
import dev.tianshu.pipeline.model.ColumnInfo;
import dev.tianshu.pipeline.model.ForeignKeyRef;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableInfo;
import dev.tianshu.pipeline.model.TableRef;
import dev.tianshu.pipeline.step.qa.SchemaDocs;

/** Tables and schemas for the LLM engines' tests. */
final class LlmTestData {

    static final String CONTEXT = "高速公路服务区管理系统";
    static final Path EXAMPLE_RUN = SharedDatasets.path("highway_db", "example_pipeline_run");

    private static final Pattern HEADING = Pattern.compile("^## ([A-Za-z0-9_.]+)（(.*)）$");
    private static final Pattern COLUMN =
            Pattern.compile("^- ([A-Za-z0-9_]+) \\(([^)]*(?:\\([^)]*\\))?)\\) - (.*?)( \\[.*)?$");

    private LlmTestData() {
    }

    /**
     * bss_service_area as the catalog might describe it: no table comment, id and version commented, the other
     * columns not; samples and enum values as step 1 collects them.
     */
    static TableInfo serviceArea() {
        List<ColumnInfo> columns = List.of(
                new ColumnInfo(1, "id", "varchar(32)", false, null, "主键ID", true, null),
                new ColumnInfo(2, "version", "integer", false, null, "数据版本号", false, null),
                new ColumnInfo(3, "delete_ts", "timestamp", true, null, null, false, null),
                new ColumnInfo(4, "service_area_name", "varchar(255)", true, null, null, false, null),
                new ColumnInfo(5, "service_area_no", "varchar(255)", true, null, "", false, null),
                new ColumnInfo(6, "company_id", "varchar(32)", true, null, null, false,
                        new ForeignKeyRef("company_id", new TableRef("public", "bss_company"), "id")),
                new ColumnInfo(7, "service_state", "varchar(50)", true, null, null, false, null));
        List<Map<String, String>> samples = new ArrayList<>();
        samples.add(row("0271d68ef93de9684b7ad8c7aae600b6", "3", null, "宜春服务区", "H0501",
                "b1629f07c8d9ac81494fbc1de61f1ea5", "开放"));
        samples.add(row("08e01d7402abd1d6a4d9fdd5df855ef8", "6", null, "庐山服务区", "H0105",
                "ee9bf1180a2b45003f96e597a4b7f15a", "关闭"));
        return new TableInfo(new TableRef("public", "bss_service_area"), null, columns, List.of("id"),
                List.of(columns.get(5).foreignKey()), 120, "64 kB", samples,
                Map.of("service_state", List.of("开放", "关闭", "上传数据")));
    }

    private static Map<String, String> row(String... values) {
        String[] names = {"id", "version", "delete_ts", "service_area_name", "service_area_no", "company_id",
                "service_state"};
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            row.put(names[i], values[i]);
        }
        return row;
    }

    /** A small schema of two tables (one with delete_ts) with its markdown, as step 2 reads it. */
    static SchemaDocs twoTables() {
        TableInfo area = serviceArea();
        Map<String, String> areaComments = new LinkedHashMap<>();
        area.columns().forEach(c -> areaComments.put(c.name(), c.name() + "说明"));
        TableInfo company = new TableInfo(new TableRef("public", "bss_company"), "服务区管理公司表",
                List.of(new ColumnInfo(1, "id", "varchar(32)", false, null, "公司ID", true, null),
                        new ColumnInfo(2, "company_name", "varchar(255)", true, null, "公司名称", false, null)),
                List.of("id"), List.of(), 9, "16 kB", List.of(), Map.of());
        String markdown = """
                # 数据库表结构文档汇总
                共包含 2 个表

                ## bss_service_area（服务区基础信息表）
                bss_service_area 表服务区基础信息表
                字段列表：
                - id (varchar(32)) - 主键ID [主键, 非空]
                - delete_ts (timestamp) - 删除时间
                - service_area_name (varchar(255)) - 服务区名称 [示例: 宜春服务区]
                ==========
                ## bss_company（服务区管理公司表）
                bss_company 表服务区管理公司表
                字段列表：
                - id (varchar(32)) - 公司ID [主键, 非空]
                - company_name (varchar(255)) - 公司名称 [示例: 宜春分公司]
                """;
        return new SchemaDocs("highway_db", List.of(
                new TableDoc(area, "服务区基础信息表", areaComments, "builtin"),
                new TableDoc(company, "服务区管理公司表", Map.of("id", "公司ID", "company_name", "公司名称"), "builtin")),
                markdown);
    }

    /**
     * The seven tables of the original's example run on highway_db, read from its *_detail.md files (so the
     * markdown is exactly what the original's prompts carried). Null without ../shared.
     */
    static SchemaDocs highwayExampleRun() {
        if (!Files.isDirectory(EXAMPLE_RUN)) {
            return null;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(EXAMPLE_RUN)) {
            files = list.filter(p -> p.getFileName().toString().endsWith("_detail.md"))
                    .filter(p -> !p.getFileName().toString().startsWith("metadata")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<TableDoc> tables = new ArrayList<>();
        StringBuilder markdown = new StringBuilder("# 数据库表结构文档汇总\n共包含 " + files.size() + " 个表\n");
        for (Path file : files) {
            String md;
            try {
                md = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            markdown.append("\n").append("=".repeat(80)).append("\n# 文件: ").append(file.getFileName())
                    .append("\n").append("=".repeat(80)).append("\n").append(md.strip()).append("\n");
            tables.add(parse(md));
        }
        return new SchemaDocs("highway_db", tables, markdown.toString());
    }

    private static TableDoc parse(String md) {
        String name = null;
        String comment = null;
        List<ColumnInfo> columns = new ArrayList<>();
        Map<String, String> comments = new LinkedHashMap<>();
        for (String line : md.split("\\R")) {
            Matcher h = HEADING.matcher(line.strip());
            Matcher c = COLUMN.matcher(line.strip());
            if (h.matches()) {
                name = h.group(1);
                comment = h.group(2);
            } else if (c.matches()) {
                boolean pk = c.group(4) != null && c.group(4).contains("主键");
                columns.add(new ColumnInfo(columns.size() + 1, c.group(1), c.group(2), !pk, null, c.group(3), pk,
                        null));
                comments.put(c.group(1), c.group(3));
            }
        }
        List<String> pk = columns.stream().filter(ColumnInfo::primaryKey).map(ColumnInfo::name).toList();
        TableInfo info = new TableInfo(TableRef.parse(name), comment, columns, pk, List.of(), 0, "", List.of(),
                Map.of());
        return new TableDoc(info, comment, comments, "builtin");
    }
}
