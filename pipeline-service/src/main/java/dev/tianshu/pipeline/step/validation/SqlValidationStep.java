package dev.tianshu.pipeline.step.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.pipeline.client.BusinessDatabases;
import dev.tianshu.pipeline.config.PipelineConfig;
import dev.tianshu.pipeline.model.DbConnection;
import dev.tianshu.pipeline.model.PrettyJson;
import dev.tianshu.pipeline.model.QaPair;
import dev.tianshu.pipeline.model.StepName;
import dev.tianshu.pipeline.model.Timestamps;
import dev.tianshu.pipeline.step.PipelineStep;
import dev.tianshu.pipeline.step.StepContext;
import dev.tianshu.pipeline.step.StepFailure;
import dev.tianshu.pipeline.step.validation.SqlRepairer.FailedSql;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Step 3: validates every question–SQL pair of the newest qs_*_pair.json against the business database (EXPLAIN in
 * a read-only transaction, bounded concurrency), has the LLM repair what failed — given the SQL, the error and the
 * DDL of the tables involved — validating each repair again, and, with modify_original_file, rewrites the file
 * (repaired SQL replaced, unrepairable pairs dropped; the original kept as .backup, the changes logged).
 */
@ApplicationScoped
public class SqlValidationStep implements PipelineStep {

    static final String LOGGER = "SQLValidationAgent";
    static final Pattern PAIR_FILE = Pattern.compile("^qs_.+_pair\\.json$");

    private final BusinessDatabases databases;
    private final PipelineConfig config;
    private final ObjectMapper mapper;
    private final List<SqlRepairer> repairers;

    SqlValidationStep(BusinessDatabases databases, PipelineConfig config, ObjectMapper mapper,
            @Any Instance<SqlRepairer> repairers) {
        this.databases = databases;
        this.config = config;
        this.mapper = mapper;
        this.repairers = repairers.stream().toList();
    }

    @Override
    public StepName name() {
        return StepName.SQL_VALIDATION;
    }

    @Override
    public Uni<Map<String, Object>> run(StepContext context) {
        long started = System.nanoTime();
        context.log().info(LOGGER, "🔍 开始SQL验证");
        return context.files().names().flatMap(names -> {
            String file = names.stream().filter(n -> PAIR_FILE.matcher(n).matches()).findFirst()
                    .orElseThrow(() -> new StepFailure("在任务目录中找不到Question-SQL文件（*_pair.json）。"
                            + "请确保已执行qa_generation步骤并生成了Question-SQL对文件。"));
            return context.files().readText(file).flatMap(text -> validateFile(context, file, text.orElse(""),
                    started));
        });
    }

    private Uni<Map<String, Object>> validateFile(StepContext context, String file, String text, long started) {
        List<QaPair> pairs = readPairs(context, file, text);
        context.log().info(LOGGER, "📄 验证文件 " + file + "，共 " + pairs.size() + " 个Question-SQL对");
        int concurrency = Math.max(1, config.validation().maxConcurrent());
        Pool pool = databases.open(context.parameters().dbConnection(), concurrency);
        SqlExplainValidator validator = new SqlExplainValidator(config.validation().maxRetries(),
                config.statementTimeout().toSeconds());
        return pool.query("SELECT 1").execute()
                .onFailure().transform(e -> new StepFailure("无法连接到数据库，SQL验证中止: "
                        + DbConnection.maskAll(e.getMessage())))
                .flatMap(x -> {
                    context.progress().start("pairs", pairs.size());
                    return Multi.createFrom().range(0, pairs.size())
                            .onItem().transformToUni(i -> validator.validate(pool, pairs.get(i).sql())
                                    .map(v -> new ValidatedPair(i, pairs.get(i).question(), pairs.get(i).sql(), v,
                                            null, null))
                                    .invoke(p -> context.progress().advance(1)))
                            .merge(concurrency)
                            .collect().asList();
                })
                .map(list -> {
                    List<ValidatedPair> sorted = new ArrayList<>(list);
                    sorted.sort(Comparator.comparingInt(ValidatedPair::index));
                    if (!sorted.isEmpty() && sorted.stream().allMatch(p -> p.verdict().connectionProblem())) {
                        throw new StepFailure("数据库连接异常，无法继续验证: " + sorted.get(0).verdict().error());
                    }
                    long valid = sorted.stream().filter(p -> p.verdict().valid()).count();
                    context.log().info(LOGGER, "✅ 首次验证完成: 有效 " + valid + "，无效 " + (sorted.size() - valid));
                    return sorted;
                })
                .flatMap(validated -> repair(context, pool, validator, validated))
                .flatMap(outcome -> finish(context, file, text, outcome, started))
                .eventually(() -> pool.close());
    }

    private List<QaPair> readPairs(StepContext context, String file, String text) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (Exception e) {
            throw new StepFailure("Question-SQL文件格式错误（" + file + "）: " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw new StepFailure("Question-SQL文件格式错误（" + file + "）: 应为JSON数组");
        }
        List<QaPair> pairs = new ArrayList<>();
        int skipped = 0;
        for (JsonNode item : root) {
            String question = field(item, "question");
            String sql = field(item, "sql");
            if (question == null || sql == null) {
                skipped++;
                continue;
            }
            pairs.add(new QaPair(question, sql));
        }
        if (skipped > 0) {
            context.log().warn(LOGGER, "跳过 " + skipped + " 个缺少question或sql的条目");
        }
        if (pairs.isEmpty()) {
            throw new StepFailure("输入文件中没有找到有效的Question-SQL对");
        }
        return pairs;
    }

    private static String field(JsonNode item, String name) {
        if (item == null || !item.isObject()) {
            return null;
        }
        for (var it = item.fields(); it.hasNext();) {
            var e = it.next();
            if (e.getKey().equalsIgnoreCase(name) && e.getValue().isTextual() && !e.getValue().asText().isBlank()) {
                return e.getValue().asText().strip();
            }
        }
        return null;
    }

    private record Repaired(List<ValidatedPair> pairs, int attempted, int successful, String note, String engine) {
    }

    private Uni<Repaired> repair(StepContext context, Pool pool, SqlExplainValidator validator,
            List<ValidatedPair> pairs) {
        List<ValidatedPair> failing = pairs.stream().filter(p -> !p.verdict().valid() && p.verdict().repairable())
                .toList();
        if (failing.isEmpty()) {
            return Uni.createFrom().item(new Repaired(pairs, 0, 0, null, "explain"));
        }
        if (!context.parameters().enableLlmRepair()) {
            context.log().info(LOGGER, "未启用LLM修复 (enable_llm_repair=false)，跳过 " + failing.size() + " 个无效SQL的修复");
            return Uni.createFrom().item(new Repaired(pairs, 0, 0, "未启用LLM修复 (enable_llm_repair=false)", "explain"));
        }
        Optional<SqlRepairer> repairer = repairers.stream().filter(SqlRepairer::available).findFirst();
        if (repairer.isEmpty()) {
            context.log().warn(LOGGER, "未配置LLM，跳过 " + failing.size() + " 个无效SQL的修复");
            return Uni.createFrom().item(new Repaired(pairs, 0, 0, "未配置LLM，未进行修复", "explain"));
        }
        context.log().info(LOGGER, "🔧 开始LLM修复 " + failing.size() + " 个无效SQL（" + repairer.get().engine() + "）");
        context.progress().phase("修复SQL");
        context.progress().start("repairs", failing.size());
        int batchSize = Math.max(1, config.validation().repairBatchSize());
        List<List<ValidatedPair>> batches = new ArrayList<>();
        for (int i = 0; i < failing.size(); i += batchSize) {
            batches.add(failing.subList(i, Math.min(failing.size(), i + batchSize)));
        }
        return ddlFiles(context).flatMap(ddl -> Multi.createFrom().iterable(batches)
                .onItem().transformToUni(batch -> repairBatch(repairer.get(), pool, validator, batch, ddl)
                        .invoke(done -> context.progress().advance(batch.size())))
                .merge(Math.max(1, config.validation().maxConcurrentRepairs()))
                .collect().asList())
                .map(results -> {
                    Map<Integer, ValidatedPair> byIndex = new LinkedHashMap<>();
                    pairs.forEach(p -> byIndex.put(p.index(), p));
                    results.forEach(list -> list.forEach(p -> byIndex.put(p.index(), p)));
                    List<ValidatedPair> merged = new ArrayList<>(byIndex.values());
                    int ok = (int) merged.stream().filter(p -> p.repairedSql() != null).count();
                    context.log().info(LOGGER, "🔧 修复统计: 尝试 " + failing.size() + "，成功 " + ok + "，失败 "
                            + (failing.size() - ok));
                    return new Repaired(merged, failing.size(), ok, null, repairer.get().engine());
                });
    }

    private Uni<List<ValidatedPair>> repairBatch(SqlRepairer repairer, Pool pool, SqlExplainValidator validator,
            List<ValidatedPair> batch, Map<String, String> ddl) {
        List<FailedSql> failed = batch.stream().map(p -> new FailedSql(p.question(), p.sql(), p.verdict().error()))
                .toList();
        return repairer.repair(failed, relevantDdl(batch, ddl))
                .flatMap(answers -> Multi.createFrom().range(0, batch.size())
                        .onItem().transformToUniAndConcatenate(i -> {
                            ValidatedPair pair = batch.get(i);
                            String answer = i < answers.size() ? answers.get(i) : null;
                            if (answer == null || normal(answer).equals(normal(pair.sql()))) {
                                return Uni.createFrom().item(pair.repairFailed("LLM未能给出不同的SQL"));
                            }
                            return validator.validate(pool, answer).map(v -> v.valid() ? pair.repaired(answer)
                                    : pair.repairFailed("修复后的SQL仍然无效: " + v.error()));
                        })
                        .collect().asList())
                .onFailure().recoverWithItem(e -> batch.stream()
                        .map(p -> p.repairFailed("LLM修复失败: " + e.getMessage())).toList());
    }

    /** The task's .ddl files: table name (lower case, without schema) → DDL text. */
    private Uni<Map<String, String>> ddlFiles(StepContext context) {
        return context.files().names().flatMap(names -> Multi.createFrom().iterable(names.stream()
                        .filter(n -> n.endsWith(".ddl")).sorted().toList())
                .onItem().transformToUniAndConcatenate(n -> context.files().readText(n)
                        .map(t -> Map.entry(n.substring(0, n.length() - 4).toLowerCase(Locale.ROOT), t.orElse(""))))
                .collect().asList()
                .map(entries -> {
                    Map<String, String> map = new LinkedHashMap<>();
                    entries.forEach(e -> map.put(e.getKey(), e.getValue()));
                    return map;
                }));
    }

    /** The DDL of the tables the statements mention (all of it, bounded, when they mention none of them). */
    static String relevantDdl(List<ValidatedPair> batch, Map<String, String> ddl) {
        String sql = String.join("\n", batch.stream().map(ValidatedPair::sql).toList()).toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : ddl.entrySet()) {
            String created = tableName(e.getValue());
            String table = created.isEmpty() ? e.getKey() : created;
            if (Pattern.compile("(?<![a-z0-9_])" + Pattern.quote(table) + "(?![a-z0-9_])").matcher(sql).find()) {
                sb.append(e.getValue()).append("\n\n");
            }
        }
        if (sb.length() == 0) {
            ddl.values().forEach(d -> {
                if (sb.length() < 30_000) {
                    sb.append(d).append("\n\n");
                }
            });
        }
        return sb.toString().strip();
    }

    /** The table name a .ddl file creates ("create table s.t (" → "t"), lower case. */
    static String tableName(String ddl) {
        var m = Pattern.compile("(?i)create\\s+table\\s+(?:[\\w\"]+\\.)?\"?([\\w]+)\"?").matcher(ddl);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    }

    private static String normal(String sql) {
        return sql.replaceAll("\\s+", " ").replaceAll(";+\\s*$", "").strip().toLowerCase(Locale.ROOT);
    }

    private Uni<Map<String, Object>> finish(StepContext context, String file, String original, Repaired outcome,
            long started) {
        List<ValidatedPair> pairs = outcome.pairs();
        String ts = Timestamps.compactNow();
        boolean modify = context.parameters().modifyOriginalFile();
        long repaired = pairs.stream().filter(p -> p.repairedSql() != null).count();
        long invalid = pairs.stream().filter(p -> !p.validAfterRepair()).count();
        Uni<Void> writes = Uni.createFrom().voidItem();
        if (modify && (repaired > 0 || invalid > 0)) {
            List<QaPair> kept = pairs.stream().filter(ValidatedPair::validAfterRepair)
                    .map(p -> new QaPair(p.question(), p.repairedSql() != null ? oneLine(p.repairedSql()) : p.sql()))
                    .toList();
            writes = context.files().writeText(file + ".backup", original)
                    .flatMap(x -> context.files().writeText(file, PrettyJson.write(kept)))
                    .flatMap(x -> context.files().writeText("file_modifications_" + ts + ".log",
                            ValidationReports.modifications(file, pairs)));
            context.log().info(LOGGER, "📝 原始文件已修改: 修改 " + repaired + " 个SQL，删除 " + invalid + " 个无效项（备份: "
                    + file + ".backup）");
        } else if (!modify && invalid > 0) {
            context.log().warn(LOGGER, "未启用原始文件修改 (modify_original_file=false)，" + invalid + " 个无效SQL保留在文件中");
        }
        int retries = pairs.stream().mapToInt(p -> p.verdict().retries()).sum();
        String summaryName = "sql_validation_" + ts + "_summary.log";
        String summary = ValidationReports.summary(file, pairs, outcome.attempted(), outcome.successful(), retries,
                modify ? (int) repaired : 0, modify ? (int) invalid : 0, modify, outcome.note());
        return writes.flatMap(x -> context.files().writeText(summaryName, summary)).map(x -> {
            long valid = pairs.stream().filter(ValidatedPair::validAfterRepair).count();
            Map<String, Object> artefact = new LinkedHashMap<>();
            artefact.put("original_sql_count", pairs.size());
            artefact.put("valid_sql_count", valid);
            artefact.put("invalid_sql_count", pairs.size() - valid);
            artefact.put("success_rate", pairs.isEmpty() ? 0.0 : Math.round(10000.0 * valid / pairs.size()) / 10000.0);
            artefact.put("repair_stats", Map.of("attempted", outcome.attempted(), "successful",
                    outcome.successful(), "failed", outcome.attempted() - outcome.successful()));
            artefact.put("file_modification_stats", Map.of("modified", modify ? repaired : 0, "deleted",
                    modify ? invalid : 0, "failed_modifications", 0));
            artefact.put("average_execution_time", pairs.stream().mapToDouble(p -> p.verdict().seconds()).average()
                    .orElse(0));
            artefact.put("total_retries", retries);
            artefact.put("input_file", file);
            artefact.put("summary_file", summaryName);
            artefact.put("duration", (System.nanoTime() - started) / 1e9);
            artefact.put("engine", outcome.engine());
            context.log().info(LOGGER, "✅ SQL验证完成: " + valid + "/" + pairs.size() + " 有效（"
                    + ValidationReports.percent(valid, pairs.size()) + "），报告: " + summaryName);
            return artefact;
        });
    }

    private static String oneLine(String sql) {
        String s = sql.replaceAll("\\s+", " ").strip();
        return s.endsWith(";") ? s : s + ";";
    }
}
