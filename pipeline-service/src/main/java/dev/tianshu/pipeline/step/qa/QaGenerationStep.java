package dev.tianshu.pipeline.step.qa;

import dev.tianshu.pipeline.model.PrettyJson;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.tianshu.pipeline.config.PipelineConfig;
import dev.tianshu.pipeline.model.DbConnection;
import dev.tianshu.pipeline.model.QaPair;
import dev.tianshu.pipeline.model.StepName;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableInfo;
import dev.tianshu.pipeline.model.TableList;
import dev.tianshu.pipeline.model.TableRef;
import dev.tianshu.pipeline.model.TaskParameters;
import dev.tianshu.pipeline.model.Theme;
import dev.tianshu.pipeline.step.PipelineStep;
import dev.tianshu.pipeline.step.StepContext;
import dev.tianshu.pipeline.step.StepFailure;
import dev.tianshu.pipeline.step.TaskFiles;
import dev.tianshu.pipeline.step.TaskLog;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Step 2, qa_generation: from the {@code *_detail.md} files of the tables in table_list.txt, business themes and
 * question–SQL pairs per theme, written to {@code qs_<db>_<yyyyMMdd_HHmmss>_pair.json} with metadata.txt,
 * metadata_detail.md and db_query_decision_prompt.txt.
 *
 * <p>The engine is an available non-builtin {@link QuestionSqlGenerator} (the LLM) when there is one, else the
 * built-in generator; when the LLM cannot extract themes the whole step falls back to the built-in one. Themes are
 * processed {@code max-concurrent-themes} at a time; a theme that fails is recorded in {@code failed_themes} and the
 * step goes on. Pairs are put on one line each and no question appears twice. Re-running the step first renames the
 * earlier pair files to {@code *_old}.
 */
@ApplicationScoped
public class QaGenerationStep implements PipelineStep {

    static final String LOGGER = "QuestionSQLGenerationAgent";
    static final String TABLE_LIST = "table_list.txt";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final String SEPARATOR = "=".repeat(80);

    private final PipelineConfig.Qa config;
    private final Iterable<QuestionSqlGenerator> generators;
    private final QuestionSqlGenerator builtin;
    private final Clock clock;
    private final DetailMarkdownParser parser = new DetailMarkdownParser();
    private final MetadataFiles metadataFiles = new MetadataFiles();

    @Inject
    public QaGenerationStep(PipelineConfig config, @Any Instance<QuestionSqlGenerator> generators,
            BuiltinQuestionSqlGenerator builtin) {
        this(config.qa(), generators, builtin, Clock.systemDefaultZone());
    }

    QaGenerationStep(PipelineConfig.Qa config, Iterable<QuestionSqlGenerator> generators, QuestionSqlGenerator builtin,
            Clock clock) {
        this.config = config;
        this.generators = generators;
        this.builtin = builtin;
        this.clock = clock;
    }

    @Override
    public StepName name() {
        return StepName.QA_GENERATION;
    }

    @Override
    public Uni<Map<String, Object>> run(StepContext context) {
        long started = System.nanoTime();
        TaskLog log = context.log();
        TaskFiles files = context.files();
        String dbName = dbName(context.parameters());
        String business = businessContext(context.parameters());
        log.info(LOGGER, "🚀 开始生成Question-SQL训练数据 (数据库: " + dbName + ", 业务背景: " + business + ")");
        return archivePreviousPairs(files, log)
                .chain(() -> readTableList(context))
                .chain(tables -> validateFiles(files, tables, log).replaceWith(tables))
                .chain(tables -> readSchema(files, tables, dbName, log))
                .chain(schema -> generate(context, schema, business))
                .chain(generation -> write(context, generation, dbName, business, started));
    }

    /** {@code *_pair.json} → {@code *_pair.json_old}, {@code *_pair.json.backup} → {@code *_pair.json.backup_old}. */
    private Uni<Void> archivePreviousPairs(TaskFiles files, TaskLog log) {
        return files.names().chain(names -> {
            List<String> old = names.stream()
                    .filter(n -> n.endsWith("_pair.json") || n.endsWith("_pair.json.backup")).sorted().toList();
            return Multi.createFrom().iterable(old)
                    .onItem().transformToUniAndConcatenate(n -> files.rename(n, n + "_old")
                            .invoke(() -> log.info(LOGGER, "📦 已将旧文件重命名: " + n + " -> " + n + "_old")))
                    .collect().asList().replaceWithVoid();
        });
    }

    private Uni<List<TableRef>> readTableList(StepContext context) {
        return context.files().readText(TABLE_LIST).map(text -> {
            if (text.isEmpty()) {
                throw new StepFailure("表清单文件不存在: " + TABLE_LIST + "。请先上传表清单文件到任务 " + context.taskId()
                        + "，然后再执行工作流。");
            }
            List<TableRef> tables = parseTableList(text.get(), context.log());
            if (tables.isEmpty()) {
                throw new StepFailure("表清单文件中没有有效的表名");
            }
            if (tables.size() > config.maxTables()) {
                throw new StepFailure("表数量(" + tables.size() + ")超过限制(" + config.maxTables()
                        + ")。请分批处理或调整配置中的max_tables参数。");
            }
            context.log().info(LOGGER, "📋 表清单包含 " + tables.size() + " 个表");
            return tables;
        });
    }

    /** The table list's tables; invalid entries are logged and skipped. */
    static List<TableRef> parseTableList(String text, TaskLog log) {
        TableList list = TableList.parse(text);
        list.invalid().forEach(e -> log.warn(LOGGER, "⚠️ 跳过无效的表名: " + e));
        return list.tables();
    }

    private Uni<Void> validateFiles(TaskFiles files, List<TableRef> tables, TaskLog log) {
        return files.names().map(names -> {
            Set<String> present = new HashSet<>(names);
            List<String> missingDdl = new ArrayList<>();
            List<String> missingMd = new ArrayList<>();
            for (TableRef t : tables) {
                if (!present.contains(t.fileBase() + ".ddl")) {
                    missingDdl.add(t.fileBase() + ".ddl");
                }
                if (!present.contains(t.fileBase() + "_detail.md")) {
                    missingMd.add(t.fileBase() + "_detail.md");
                }
            }
            if (missingDdl.isEmpty() && missingMd.isEmpty()) {
                log.info(LOGGER, "✅ 文件验证通过: " + tables.size() + " 个表的DDL和MD文件齐全");
                return null;
            }
            List<String> problems = new ArrayList<>();
            if (!missingDdl.isEmpty()) {
                log.error(LOGGER, "缺少DDL文件: " + missingDdl);
                problems.add("缺少DDL文件: " + missingDdl);
            }
            if (!missingMd.isEmpty()) {
                log.error(LOGGER, "缺少MD文件: " + missingMd);
                problems.add("缺少MD文件: " + missingMd);
            }
            throw new StepFailure("文件验证失败: " + String.join("; ", problems));
        });
    }

    /** The tables' docs read back from their markdown, and the markdown joined as the original's prompts carry it. */
    private Uni<SchemaDocs> readSchema(TaskFiles files, List<TableRef> tables, String dbName, TaskLog log) {
        return Multi.createFrom().iterable(tables)
                .onItem().transformToUniAndConcatenate(t -> files.readText(t.fileBase() + "_detail.md")
                        .map(text -> new MdFile(t, t.fileBase() + "_detail.md", text.orElse(""))))
                .collect().asList()
                .map(mdFiles -> {
                    List<TableDoc> docs = new ArrayList<>();
                    List<String> parts = new ArrayList<>();
                    parts.add("# 数据库表结构文档汇总\n");
                    parts.add("共包含 " + mdFiles.size() + " 个表\n\n");
                    for (MdFile f : mdFiles) {
                        log.info(LOGGER, "读取MD文件: " + f.name());
                        TableDoc doc = withRef(parser.parse(f.content(), f.name()), f.table());
                        if (doc.table().columns().isEmpty()) {
                            log.warn(LOGGER, "⚠️ " + f.name() + " 中没有读到字段列表");
                        }
                        docs.add(doc);
                        parts.add(SEPARATOR);
                        parts.add("# 文件: " + f.name());
                        parts.add(SEPARATOR);
                        parts.add(f.content());
                        parts.add("\n");
                    }
                    return new SchemaDocs(dbName, List.copyOf(docs), String.join("\n", parts));
                });
    }

    private Uni<Generation> generate(StepContext context, SchemaDocs schema, String business) {
        TaskLog log = context.log();
        QuestionSqlGenerator chosen = chooseGenerator();
        log.info(LOGGER, "🤖 使用生成引擎: " + chosen.engine());
        context.progress().phase("提取业务主题");
        return themes(chosen, schema, business, log)
                .chain(engineThemes -> {
                    QuestionSqlGenerator engine = engineThemes.engine();
                    List<Theme> themes = engineThemes.themes();
                    log.info(LOGGER, "🎯 提取到 " + themes.size() + " 个业务主题: "
                            + themes.stream().map(Theme::topicName).toList());
                    // the decision prompt needs only the themes: it is written while the pairs are
                    return Uni.combine().all().unis(pairs(context, engine, schema, business, themes),
                                    decisionPrompt(engine, schema, business, themes, log))
                            .asTuple()
                            .map(t -> new Generation(engine, themes, t.getItem1(), t.getItem2()));
                });
    }

    /** The configured LLM when one is available, else the built-in generator. */
    private QuestionSqlGenerator chooseGenerator() {
        return StreamSupport.stream(generators.spliterator(), false)
                .filter(g -> !BuiltinQuestionSqlGenerator.ENGINE.equals(g.engine()) && g.available())
                .min(Comparator.comparing(QuestionSqlGenerator::engine))
                .orElse(builtin);
    }

    private Uni<EngineThemes> themes(QuestionSqlGenerator chosen, SchemaDocs schema, String business, TaskLog log) {
        Uni<List<Theme>> builtinThemes = Uni.createFrom().deferred(() -> builtin.themes(schema, business,
                config.themeCount()));
        if (chosen == builtin) {
            return builtinThemes.map(t -> new EngineThemes(builtin, t == null ? List.of() : t));
        }
        return Uni.createFrom().deferred(() -> chosen.themes(schema, business, config.themeCount()))
                .map(t -> {
                    if (t == null || t.isEmpty()) {
                        throw new IllegalStateException("没有返回任何主题");
                    }
                    return new EngineThemes(chosen, t);
                })
                .onFailure().recoverWithUni(e -> {
                    log.warn(LOGGER, "⚠️ " + chosen.engine() + " 主题提取失败，整个步骤改用内置引擎(builtin): "
                            + DbConnection.maskAll(message(e)));
                    return builtinThemes.map(t -> new EngineThemes(builtin, t == null ? List.of() : t));
                });
    }

    private Uni<List<ThemeOutcome>> pairs(StepContext context, QuestionSqlGenerator engine, SchemaDocs schema,
            String business, List<Theme> themes) {
        TaskLog log = context.log();
        context.progress().phase("生成Question-SQL对");
        context.progress().start("themes", themes.size());
        if (themes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int perTheme = config.questionsPerTheme();
        return Multi.createFrom().range(0, themes.size())
                .onItem().transformToUni(i -> {
                    Theme theme = themes.get(i);
                    return Uni.createFrom().deferred(() -> {
                        log.info(LOGGER, "处理主题 " + (i + 1) + "/" + themes.size() + ": " + theme.topicName());
                        return engine.pairs(schema, business, theme, perTheme);
                    })
                            .map(p -> new ThemeOutcome(i, theme, p == null ? List.of() : p, null))
                            .onFailure().recoverWithItem(e -> new ThemeOutcome(i, theme, List.of(),
                                    DbConnection.maskAll(message(e))))
                            .invoke(() -> context.progress().advance(1));
                })
                .merge(Math.max(1, config.maxConcurrentThemes()))
                .collect().asList()
                .map(list -> list.stream().sorted(Comparator.comparingInt(ThemeOutcome::index)).toList());
    }

    private Uni<String> decisionPrompt(QuestionSqlGenerator engine, SchemaDocs schema, String business,
            List<Theme> themes, TaskLog log) {
        Uni<String> fromBuiltin = Uni.createFrom().deferred(() -> builtin.decisionPrompt(schema, business, themes));
        if (engine == builtin) {
            return fromBuiltin;
        }
        return Uni.createFrom().deferred(() -> engine.decisionPrompt(schema, business, themes))
                .map(p -> {
                    if (p == null || p.isBlank()) {
                        throw new IllegalStateException("返回内容为空");
                    }
                    return p;
                })
                .onFailure().recoverWithUni(e -> {
                    log.warn(LOGGER, "⚠️ 生成数据库查询决策提示失败，改用内置引擎: " + DbConnection.maskAll(message(e)));
                    return fromBuiltin;
                });
    }

    private Uni<Map<String, Object>> write(StepContext context, Generation generation, String dbName, String business,
            long started) {
        TaskLog log = context.log();
        Set<String> seen = new HashSet<>();
        List<QaPair> all = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (ThemeOutcome o : generation.outcomes()) {
            String name = o.theme().topicName();
            if (o.error() != null) {
                log.error(LOGGER, "❌ 主题 '" + name + "' 处理失败: " + o.error());
                failed.add(name);
                continue;
            }
            List<QaPair> kept = PairCleanup.clean(o.pairs(), seen);
            if (kept.isEmpty()) {
                log.error(LOGGER, "❌ 主题 '" + name + "' 没有生成有效的Question-SQL对");
                failed.add(name);
                continue;
            }
            log.info(LOGGER, "✅ 主题 '" + name + "' 生成 " + kept.size() + " 个问题");
            all.addAll(kept);
        }
        if (all.isEmpty()) {
            log.error(LOGGER, "❌ 未生成任何Question-SQL对");
            return Uni.createFrom().failure(new StepFailure("未生成任何Question-SQL对"));
        }
        LocalDateTime now = LocalDateTime.now(clock);
        String outputFile = "qs_" + dbName + "_" + STAMP.format(now) + "_pair.json";
        context.progress().phase("保存结果文件");
        return context.files().writeText(outputFile, PrettyJson.write(all))
                .invoke(() -> log.info(LOGGER, "💾 已保存 " + all.size() + " 个Question-SQL对到 " + outputFile))
                .chain(() -> metadataFiles.write(context.files(), dbName, business, generation.themes(),
                        generation.decisionPrompt(), now))
                .map(v -> {
                    double duration = Math.round((System.nanoTime() - started) / 1_000_000.0) / 1000.0;
                    int total = generation.themes().size();
                    log.info(LOGGER, "✅ Question-SQL生成完成: 共 " + all.size() + " 个问题，成功主题 "
                            + (total - failed.size()) + "/" + total + "，耗时 " + duration + " 秒");
                    Map<String, Object> artefact = new LinkedHashMap<>();
                    artefact.put("output_file", outputFile);
                    artefact.put("total_questions", all.size());
                    artefact.put("total_themes", total);
                    artefact.put("successful_themes", total - failed.size());
                    artefact.put("failed_themes", List.copyOf(failed));
                    artefact.put("duration", duration);
                    artefact.put("engine", generation.engine().engine());
                    return artefact;
                });
    }

    /** The doc with the table as the table list names it (a plain name in the markdown means public). */
    private static TableDoc withRef(TableDoc doc, TableRef ref) {
        TableInfo t = doc.table();
        if (t.ref().equals(ref)) {
            return doc;
        }
        TableInfo info = new TableInfo(ref, t.comment(), t.columns(), t.primaryKey(), t.foreignKeys(), t.rowCount(),
                t.sizePretty(), t.samples(), t.enums());
        return new TableDoc(info, doc.tableComment(), doc.columnComments(), doc.engine());
    }

    private static String dbName(TaskParameters parameters) {
        String name = parameters == null ? null : parameters.dbName();
        if ((name == null || name.isBlank()) && parameters != null && parameters.dbConnection() != null) {
            name = parameters.dbConnection().database();
        }
        if (name == null || name.isBlank()) {
            name = "database";
        }
        return name.strip().replaceAll("[^A-Za-z0-9_\\-]", "_");
    }

    private static String businessContext(TaskParameters parameters) {
        String c = parameters == null ? null : parameters.businessContext();
        return c == null || c.isBlank() ? TaskParameters.DEFAULT_BUSINESS_CONTEXT : c.strip();
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private record MdFile(TableRef table, String name, String content) {
    }

    private record EngineThemes(QuestionSqlGenerator engine, List<Theme> themes) {
    }

    private record ThemeOutcome(int index, Theme theme, List<QaPair> pairs, String error) {
    }

    private record Generation(QuestionSqlGenerator engine, List<Theme> themes, List<ThemeOutcome> outcomes,
            String decisionPrompt) {
    }
}
