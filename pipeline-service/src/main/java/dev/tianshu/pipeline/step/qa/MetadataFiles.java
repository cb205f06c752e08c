package dev.tianshu.pipeline.step.qa;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import dev.tianshu.pipeline.model.Theme;
import dev.tianshu.pipeline.step.TaskFiles;
import io.smallrye.mutiny.Uni;

/**
 * The theme files step 2 leaves in the task directory besides the pairs:
 * <ul>
 *     <li>{@code metadata.txt} — an SQL script that creates the {@code metadata} table and inserts one row per theme.
 *     Unlike the original's (which wrote {@code 'a,b'} into {@code text[]} columns), it runs on PostgreSQL: arrays
 *     are {@code ARRAY['a', 'b']} literals and quotes are doubled.</li>
 *     <li>{@code metadata_detail.md} — the fixed documentation of that table (loaded as documentation by step 4).</li>
 *     <li>{@code db_query_decision_prompt.txt} — what the database holds, as the engine wrote it.</li>
 * </ul>
 */
public class MetadataFiles {

    public static final String METADATA_SQL = "metadata.txt";
    public static final String METADATA_DETAIL = "metadata_detail.md";
    public static final String DECISION_PROMPT = "db_query_decision_prompt.txt";

    private static final String DETAIL_RESOURCE = "builtin/metadata_detail.md";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int TOPIC_LENGTH = 100;

    private final String metadataDetail;

    public MetadataFiles() {
        this.metadataDetail = resource(DETAIL_RESOURCE);
    }

    /** Writes the three files (replacing earlier versions). */
    public Uni<Void> write(TaskFiles files, String dbName, String businessContext, List<Theme> themes,
            String decisionPrompt, LocalDateTime generatedAt) {
        return files.writeText(METADATA_SQL, metadataSql(dbName, businessContext, themes, generatedAt))
                .chain(() -> files.writeText(METADATA_DETAIL, metadataDetail()))
                .chain(() -> files.writeText(DECISION_PROMPT, decisionPrompt == null ? "" : decisionPrompt));
    }

    /** The fixed markdown that documents the metadata table. */
    public String metadataDetail() {
        return metadataDetail;
    }

    /** The script: header comments, CREATE TABLE IF NOT EXISTS metadata, one INSERT per theme. */
    public String metadataSql(String dbName, String businessContext, List<Theme> themes, LocalDateTime generatedAt) {
        StringBuilder sql = new StringBuilder();
        sql.append("-- Schema Tools生成的主题元数据\n");
        sql.append("-- 业务背景: ").append(oneLine(businessContext)).append('\n');
        sql.append("-- 生成时间: ").append(TIME.format(generatedAt)).append('\n');
        sql.append("-- 数据库: ").append(oneLine(dbName)).append("\n\n");
        sql.append("-- 创建表（如果不存在）\n");
        sql.append("CREATE TABLE IF NOT EXISTS metadata (\n");
        sql.append("    id SERIAL PRIMARY KEY,                           -- 主键\n");
        sql.append("    topic_name VARCHAR(100) NOT NULL,                -- 业务主题名称\n");
        sql.append("    description TEXT,                                -- 业务主题说明\n");
        sql.append("    related_tables TEXT[],                           -- 相关表名\n");
        sql.append("    biz_entities TEXT[],                             -- 主要业务实体名称\n");
        sql.append("    biz_metrics TEXT[],                              -- 主要业务指标名称\n");
        sql.append("    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP   -- 插入时间\n");
        sql.append(");\n\n");
        sql.append("-- 插入主题数据\n");
        for (Theme theme : themes) {
            sql.append("INSERT INTO metadata(topic_name, description, related_tables, biz_entities, biz_metrics)")
                    .append(" VALUES\n");
            sql.append("(\n");
            sql.append("  ").append(literal(truncate(theme.topicName(), TOPIC_LENGTH))).append(",\n");
            sql.append("  ").append(literal(theme.description())).append(",\n");
            sql.append("  ").append(array(theme.relatedTables())).append(",\n");
            sql.append("  ").append(array(theme.bizEntities())).append(",\n");
            sql.append("  ").append(array(theme.bizMetrics())).append('\n');
            sql.append(");\n\n");
        }
        return sql.toString();
    }

    private static String literal(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }

    private static String array(List<String> values) {
        if (values == null || values.isEmpty()) {
            return "ARRAY[]::text[]";
        }
        StringBuilder a = new StringBuilder("ARRAY[");
        for (int i = 0; i < values.size(); i++) {
            a.append(i == 0 ? "" : ", ").append(values.get(i) == null ? "NULL" : literal(values.get(i)));
        }
        return a.append("]::text[]").toString();
    }

    private static String truncate(String value, int max) {
        if (value == null || value.codePointCount(0, value.length()) <= max) {
            return value == null ? "" : value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max));
    }

    /** A value for a "--" comment: on one line, so that the rest of the script stays SQL. */
    private static String oneLine(String value) {
        return value == null ? "" : value.replaceAll("[\\r\\n]+", " ").strip();
    }

    private static String resource(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        InputStream in = loader == null ? null : loader.getResourceAsStream(name);
        if (in == null) {
            in = MetadataFiles.class.getClassLoader().getResourceAsStream(name);
        }
        if (in == null) {
            throw new IllegalStateException("missing resource " + name);
        }
        try (InputStream stream = in) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
