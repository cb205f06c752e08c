package dev.tianshu.pipeline.step.ddl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.tianshu.pipeline.client.BusinessDatabases;
import dev.tianshu.pipeline.config.PipelineConfig;
import dev.tianshu.pipeline.model.DbConnection;
import dev.tianshu.pipeline.model.StepName;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableInfo;
import dev.tianshu.pipeline.model.TableList;
import dev.tianshu.pipeline.model.TableRef;
import dev.tianshu.pipeline.model.TaskParameters;
import dev.tianshu.pipeline.step.PipelineStep;
import dev.tianshu.pipeline.step.StepContext;
import dev.tianshu.pipeline.step.StepFailure;
import dev.tianshu.pipeline.step.TaskLog;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Step 1 (ddl_generation): for every table of table_list.txt, inspects the live catalog, settles the comments
 * (the LLM engine when one is available, else — or when it fails — the built-in one) and writes
 * {@code <table>.ddl} and {@code <table>_detail.md}, then filename_mapping.txt. Tables are processed concurrently
 * ({@code tianshu.pipeline.ddl.max-concurrent-tables}). As in the original, a table that fails is logged and
 * counted but does not fail the step; a missing or empty table list or an unreachable database does.
 */
@ApplicationScoped
public class DdlGenerationStep implements PipelineStep {

    /** The logger name of step 1's lines in the task log. */
    public static final String LOGGER = "SchemaTrainingDataAgent";
    public static final String TABLE_LIST = "table_list.txt";
    public static final String FILENAME_MAPPING = "filename_mapping.txt";

    private static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "pg_catalog", "pg_toast");

    /** Opens a (read-only) connection pool to a business database. */
    @FunctionalInterface
    public interface PoolOpener {
        Pool open(DbConnection connection, int maxSize);
    }

    private record Outcome(int index, TableRef table, String engine, String error) {
        boolean succeeded() {
            return error == null;
        }
    }

    private final PoolOpener pools;
    private final PipelineConfig.Ddl config;
    private final Iterable<CommentGenerator> generators;
    private final BuiltinCommentGenerator builtin;
    private final CatalogInspector inspector;
    private final DdlWriter ddlWriter = new DdlWriter();
    private final MarkdownWriter markdownWriter = new MarkdownWriter();

    @Inject
    DdlGenerationStep(BusinessDatabases databases, PipelineConfig config, @Any Instance<CommentGenerator> generators,
            BuiltinCommentGenerator builtin, CatalogInspector inspector) {
        this(databases::open, config.ddl(), generators, builtin, inspector);
    }

    /** Without CDI: {@code generators} may include the built-in one, which is always the fallback. */
    public DdlGenerationStep(PoolOpener pools, PipelineConfig.Ddl config, Iterable<CommentGenerator> generators,
            BuiltinCommentGenerator builtin, CatalogInspector inspector) {
        this.pools = pools;
        this.config = config;
        this.generators = generators;
        this.builtin = builtin;
        this.inspector = inspector;
    }

    @Override
    public StepName name() {
        return StepName.DDL_GENERATION;
    }

    @Override
    public Uni<Map<String, Object>> run(StepContext context) {
        long started = System.nanoTime();
        TaskLog log = context.log();
        log.info(LOGGER, "📝 步骤1: 开始生成DDL和MD文件");
        return context.files().readText(TABLE_LIST).chain(text -> {
            if (text.isEmpty()) {
                throw new StepFailure("表清单文件不存在: " + TaskParameters.TABLE_LIST_FILE + "。请先上传表清单文件到任务 "
                        + context.taskId() + "，然后再执行工作流。");
            }
            List<TableRef> tables = tablesToProcess(TableList.parse(text.get()), log);
            DbConnection connection = context.parameters().dbConnection();
            if (connection == null) {
                throw new StepFailure("无法连接到数据库: 未配置数据库连接");
            }
            Pool pool = open(connection);
            return probe(pool)
                    .chain(() -> processAll(context, pool, tables))
                    .map(outcomes -> finish(context, outcomes, started))
                    .chain(result -> context.files().writeText(FILENAME_MAPPING, mapping(result.outcomes))
                            .replaceWith(result.artefact))
                    .eventually(pool::close);
        });
    }

    /** The valid, non-system tables of the list; fails when there are none. */
    private static List<TableRef> tablesToProcess(TableList list, TaskLog log) {
        if (!list.invalid().isEmpty()) {
            log.warn(LOGGER, "⚠️ 表清单中的无效表名已忽略: " + String.join(", ", list.invalid()));
        }
        List<TableRef> tables = new ArrayList<>();
        for (TableRef table : list.tables()) {
            if (isSystemSchema(table.schema())) {
                log.warn(LOGGER, "⚠️ 跳过系统表: " + table.qualified());
            } else {
                tables.add(table);
            }
        }
        if (tables.isEmpty()) {
            throw new StepFailure("表清单文件中没有有效的表名");
        }
        log.info(LOGGER, "📋 表清单包含 " + tables.size() + " 个表");
        return tables;
    }

    static boolean isSystemSchema(String schema) {
        String s = schema.toLowerCase(Locale.ROOT);
        return SYSTEM_SCHEMAS.contains(s) || s.startsWith("pg_temp") || s.startsWith("pg_toast_temp");
    }

    private Pool open(DbConnection connection) {
        try {
            return pools.open(connection, config.maxConcurrentTables());
        } catch (RuntimeException e) {
            throw new StepFailure("无法连接到数据库: " + describe(e), e);
        }
    }

    private static Uni<Void> probe(Pool pool) {
        return pool.query("SELECT 1").execute().replaceWithVoid()
                .onFailure().transform(e -> new StepFailure("无法连接到数据库: " + describe(e), e));
    }

    private Uni<List<Outcome>> processAll(StepContext context, Pool pool, List<TableRef> tables) {
        CommentGenerator preferred = preferredGenerator();
        context.log().info(LOGGER, "🧠 注释引擎: " + (preferred == null ? builtin.engine() : preferred.engine()));
        Map<TableRef, String> conflicts = fileNameConflicts(tables);
        context.progress().start("tables", tables.size());
        return Multi.createFrom().range(0, tables.size())
                .onItem().transformToUni(i -> process(context, pool, i, tables.get(i), conflicts.get(tables.get(i)),
                        preferred)
                        .invoke(() -> context.progress().advance(1)))
                .merge(Math.max(1, config.maxConcurrentTables()))
                .collect().asList()
                .map(outcomes -> {
                    List<Outcome> ordered = new ArrayList<>(outcomes);
                    ordered.sort(Comparator.comparingInt(Outcome::index));
                    return ordered;
                });
    }

    private Uni<Outcome> process(StepContext context, Pool pool, int index, TableRef table, String conflict,
            CommentGenerator preferred) {
        TaskLog log = context.log();
        Uni<Outcome> work = conflict != null
                ? Uni.createFrom().failure(new IllegalStateException(conflict))
                : inspector.inspect(pool, table, config)
                        .chain(info -> comments(info, businessContext(context), preferred, log))
                        .call(doc -> context.files().writeText(table.fileBase() + ".ddl", ddlWriter.write(doc)))
                        .call(doc -> context.files().writeText(table.fileBase() + "_detail.md",
                                markdownWriter.write(doc)))
                        .map(doc -> new Outcome(index, table, doc.engine(), null));
        return work
                .invoke(outcome -> log.info(LOGGER, "✅ 表 " + table.qualified() + " 处理成功"))
                .onFailure().recoverWithItem(e -> {
                    String error = describe(e);
                    log.error(LOGGER, "❌ 表 " + table.qualified() + " 处理失败: " + error);
                    return new Outcome(index, table, null, error);
                });
    }

    /** The preferred engine's comments, or the built-in ones when it fails. */
    private Uni<TableDoc> comments(TableInfo info, String businessContext, CommentGenerator preferred, TaskLog log) {
        if (preferred == null) {
            return builtin.comment(info, businessContext);
        }
        return preferred.comment(info, businessContext)
                .onItem().ifNull().failWith(() -> new IllegalStateException("注释引擎没有返回结果"))
                .onFailure().recoverWithUni(e -> {
                    log.warn(LOGGER, "⚠️ 表 " + info.ref().qualified() + " 使用 " + preferred.engine()
                            + " 生成注释失败，改用内置引擎: " + describe(e));
                    return builtin.comment(info, businessContext);
                });
    }

    /** An available engine other than the built-in one (the LLM), or null. */
    private CommentGenerator preferredGenerator() {
        for (CommentGenerator generator : generators) {
            if (generator.available() && !BuiltinCommentGenerator.ENGINE.equals(generator.engine())) {
                return generator;
            }
        }
        return null;
    }

    private static String businessContext(StepContext context) {
        String c = context.parameters().businessContext();
        return c == null || c.isBlank() ? TaskParameters.DEFAULT_BUSINESS_CONTEXT : c;
    }

    /** The second (third, …) table of the list whose files would have the same names → the error it gets. */
    static Map<TableRef, String> fileNameConflicts(List<TableRef> tables) {
        Map<String, TableRef> owners = new HashMap<>();
        Map<TableRef, String> conflicts = new HashMap<>();
        for (TableRef table : tables) {
            TableRef owner = owners.putIfAbsent(table.fileBase(), table);
            if (owner != null) {
                conflicts.put(table, "文件名冲突: " + table.qualified() + " 与 " + owner.qualified() + " 的文件名都是 "
                        + table.fileBase() + "（.ddl / _detail.md）");
            }
        }
        return conflicts;
    }

    private record Finished(Map<String, Object> artefact, List<Outcome> outcomes) {
    }

    private Finished finish(StepContext context, List<Outcome> outcomes, long started) {
        List<Outcome> succeeded = outcomes.stream().filter(Outcome::succeeded).toList();
        List<Map<String, String>> failedTables = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (!outcome.succeeded()) {
                Map<String, String> failure = new LinkedHashMap<>();
                failure.put("table", outcome.table().qualified());
                failure.put("error", outcome.error());
                failedTables.add(failure);
            }
        }
        double seconds = Math.round((System.nanoTime() - started) / 1e7) / 100.0;
        int ok = succeeded.size();
        if (!failedTables.isEmpty()) {
            context.log().warn(LOGGER, "⚠️ " + failedTables.size() + " 个表处理失败: "
                    + String.join(", ", failedTables.stream().map(f -> f.get("table")).toList()));
        }
        context.log().info(LOGGER, String.format(Locale.ROOT,
                "✅ 步骤1完成: 成功处理 %d 个表，生成 %d 个MD文件，%d 个DDL文件，耗时 %.2f秒", ok, ok, ok, seconds));
        Map<String, Object> artefact = new LinkedHashMap<>();
        artefact.put("total_tables", outcomes.size());
        artefact.put("processed_successfully", ok);
        artefact.put("failed", failedTables.size());
        artefact.put("files_generated", 2 * ok);
        artefact.put("duration", seconds);
        artefact.put("engine", engineSummary(succeeded));
        artefact.put("failed_tables", failedTables);
        return new Finished(artefact, outcomes);
    }

    /** "builtin", "llm:&lt;model&gt;", or "llm:&lt;model&gt;+builtin" when some tables fell back. */
    private String engineSummary(List<Outcome> succeeded) {
        Set<String> engines = new LinkedHashSet<>();
        succeeded.stream().map(Outcome::engine).filter(e -> !BuiltinCommentGenerator.ENGINE.equals(e))
                .forEach(engines::add);
        if (succeeded.stream().anyMatch(o -> BuiltinCommentGenerator.ENGINE.equals(o.engine()))) {
            engines.add(BuiltinCommentGenerator.ENGINE);
        }
        if (engines.isEmpty()) {
            CommentGenerator preferred = preferredGenerator();
            return preferred == null ? builtin.engine() : preferred.engine();
        }
        return String.join("+", engines);
    }

    /** filename_mapping.txt as the original writes it: each processed table → its _detail.md. */
    static String mapping(List<Outcome> outcomes) {
        StringBuilder sb = new StringBuilder("# 文件名映射报告\n# 格式: 原始表名 -> 实际文件名\n\n");
        for (Outcome outcome : outcomes) {
            if (outcome.succeeded()) {
                sb.append(outcome.table().qualified()).append(" -> ").append(outcome.table().fileBase())
                        .append("_detail.md\n");
            }
        }
        return sb.toString();
    }

    /** A failure as the user sees it, connection strings masked. */
    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName()
                : t.getMessage();
        return DbConnection.maskAll(message.strip());
    }
}
