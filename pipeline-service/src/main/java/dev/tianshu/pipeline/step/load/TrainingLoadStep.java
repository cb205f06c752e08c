package dev.tianshu.pipeline.step.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.event.EventEnvelope;
import dev.tianshu.common.training.TrainingEvents;
import dev.tianshu.common.training.TrainingFileParser;
import dev.tianshu.common.training.TrainingFileParser.FileType;
import dev.tianshu.common.training.TrainingItemInput;
import dev.tianshu.common.training.TrainingLoadCommand;
import dev.tianshu.pipeline.config.PipelineConfig;
import dev.tianshu.pipeline.event.EventPublisher;
import dev.tianshu.pipeline.model.StepName;
import dev.tianshu.pipeline.repository.LoadBatchRepository;
import dev.tianshu.pipeline.step.PipelineStep;
import dev.tianshu.pipeline.step.StepContext;
import dev.tianshu.pipeline.step.StepFailure;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Step 4: sends the task's training files to training-data-service — each .ddl statement, each markdown section,
 * each question–SQL pair — as load commands on tianshu.training-data.load-commands, and waits for the answers on
 * load-results. Items are content-addressed there, so loading a task again (or re-running this step after a crash)
 * adds nothing new; the artefact counts per type what was received, created, already present and refused.
 */
@ApplicationScoped
public class TrainingLoadStep implements PipelineStep {

    static final String LOGGER = "TrainingDataLoader";
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final EventPublisher publisher;
    private final LoadBatchRepository batches;
    private final LoadResults results;
    private final ObjectMapper mapper;
    private final PipelineConfig.Load config;

    TrainingLoadStep(EventPublisher publisher, LoadBatchRepository batches, LoadResults results, ObjectMapper mapper,
            PipelineConfig config) {
        this.publisher = publisher;
        this.batches = batches;
        this.results = results;
        this.mapper = mapper;
        this.config = config.load();
    }

    @Override
    public StepName name() {
        return StepName.TRAINING_LOAD;
    }

    @Override
    public Uni<Map<String, Object>> run(StepContext context) {
        long started = System.nanoTime();
        context.log().info(LOGGER, "🚀 开始加载训练数据，任务目录: " + context.taskId());
        return collect(context).flatMap(collected -> {
            if (collected.files().isEmpty()) {
                throw new StepFailure("训练数据加载失败：未找到可处理的训练文件");
            }
            if (collected.items().isEmpty()) {
                throw new StepFailure("训练数据加载失败：训练文件中没有可加载的数据（" + String.join(", ", collected.files()) + "）");
            }
            List<List<TrainingItemInput>> chunks = chunks(collected.items(), Math.max(1, config.batchSize()));
            context.progress().start("items", collected.items().size());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < chunks.size(); i++) {
                ids.add(context.executionId() + "-" + UUID.randomUUID().toString().substring(0, 8) + "-" + i);
            }
            context.log().info(LOGGER, "📤 发送 " + collected.items().size() + " 条训练数据（" + chunks.size()
                    + " 批）到训练数据服务");
            return Multi.createFrom().range(0, chunks.size())
                    .onItem().transformToUniAndConcatenate(i -> send(context.taskId(), ids.get(i), chunks.get(i)))
                    .collect().asList()
                    .flatMap(x -> await(context, ids, chunks, System.nanoTime() + config.timeout().toNanos()))
                    .map(answers -> summarise(context, collected, answers, started));
        }).eventually(() -> results.stopWaiting(context.taskId()));
    }

    private record Collected(List<String> files, List<TrainingItemInput> items) {
    }

    /** Parses every trainable top-level file (numbered copies, *_old and backups are skipped by their names). */
    private Uni<Collected> collect(StepContext context) {
        return context.files().names().flatMap(names -> {
            List<String> trainable = names.stream().filter(n -> FileType.ofFileName(n).isPresent()).sorted().toList();
            for (String name : names) {
                if (FileType.ofFileName(name).isEmpty()) {
                    context.log().info(LOGGER, "跳过不支持的文件类型: " + name);
                }
            }
            return Multi.createFrom().iterable(trainable)
                    .onItem().transformToUniAndConcatenate(name -> context.files().readText(name)
                            .map(text -> parse(context, name, text)))
                    .collect().asList()
                    .map(lists -> {
                        List<TrainingItemInput> items = new ArrayList<>();
                        lists.forEach(items::addAll);
                        return new Collected(trainable, items);
                    });
        });
    }

    private static List<TrainingItemInput> parse(StepContext context, String name, Optional<String> text) {
        if (text.isEmpty()) {
            return List.of();
        }
        TrainingFileParser.Parsed parsed = TrainingFileParser.parse(FileType.ofFileName(name).orElseThrow(),
                text.get(), name);
        parsed.problems().forEach(p -> context.log().warn(LOGGER, name + " 第 " + p.position() + " 处: " + p.message()));
        context.log().info(LOGGER, "📄 " + name + ": " + parsed.items().size() + " 条");
        return parsed.items();
    }

    private Uni<Void> send(String taskId, String batchId, List<TrainingItemInput> items) {
        EventEnvelope command = EventEnvelope.of(TrainingEvents.LOAD_REQUESTED, TrainingEvents.VERSION, taskId,
                new TrainingLoadCommand(taskId, batchId, items), mapper);
        return batches.sent(batchId, taskId, items.size())
                .flatMap(x -> publisher.send(TrainingEvents.LOAD_COMMANDS_TOPIC, taskId, command));
    }

    /** Waits until every batch is answered: woken by this replica's consumer, or finding answers every second. */
    private Uni<Map<String, JsonObject>> await(StepContext context, List<String> ids,
            List<List<TrainingItemInput>> chunks, long deadline) {
        // armed before looking, so that an answer arriving in between wakes the next wait at once
        CompletableFuture<Void> woken = new CompletableFuture<>();
        results.await(context.taskId(), () -> woken.complete(null));
        return batches.results(ids).flatMap(answers -> {
            int done = 0;
            for (int i = 0; i < ids.size(); i++) {
                if (answers.containsKey(ids.get(i))) {
                    done += chunks.get(i).size();
                }
            }
            context.progress().start("items", chunks.stream().mapToInt(List::size).sum());
            context.progress().advance(done);
            if (answers.size() == ids.size()) {
                return Uni.createFrom().item(answers);
            }
            if (System.nanoTime() > deadline) {
                return Uni.createFrom().failure(new StepFailure("训练数据加载失败：训练数据服务未在 "
                        + config.timeout().toSeconds() + " 秒内答复（已答复 " + answers.size() + "/" + ids.size() + " 批）"));
            }
            return Uni.createFrom().completionStage(woken)
                    .ifNoItem().after(CHECK_EVERY).recoverWithItem((Void) null)
                    .flatMap(x -> await(context, ids, chunks, deadline));
        });
    }

    private Map<String, Object> summarise(StepContext context, Collected collected, Map<String, JsonObject> answers,
            long started) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        List<Object> failures = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (JsonObject answer : answers.values()) {
            if (answer.getString("error") != null) {
                errors.add(answer.getString("error"));
            }
            JsonObject byType = answer.getJsonObject("counts", new JsonObject());
            for (String type : byType.fieldNames()) {
                JsonObject c = byType.getJsonObject(type);
                int[] sum = counts.computeIfAbsent(type, t -> new int[4]);
                sum[0] += c.getInteger("received", 0);
                sum[1] += c.getInteger("created", 0);
                sum[2] += c.getInteger("unchanged", 0);
                sum[3] += c.getInteger("failed", 0);
            }
            answer.getJsonArray("failures", new io.vertx.core.json.JsonArray()).forEach(f -> {
                if (failures.size() < 50) {
                    failures.add(f);
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new StepFailure("训练数据加载失败: " + errors.get(0));
        }
        Map<String, Integer> received = new LinkedHashMap<>();
        Map<String, Integer> created = new LinkedHashMap<>();
        Map<String, Integer> unchanged = new LinkedHashMap<>();
        Map<String, Integer> failed = new LinkedHashMap<>();
        int total = 0;
        int totalFailed = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            if (e.getValue()[0] == 0) {
                continue;
            }
            received.put(e.getKey(), e.getValue()[0]);
            created.put(e.getKey(), e.getValue()[1]);
            unchanged.put(e.getKey(), e.getValue()[2]);
            failed.put(e.getKey(), e.getValue()[3]);
            total += e.getValue()[0];
            totalFailed += e.getValue()[3];
        }
        if (total > 0 && totalFailed == total) {
            throw new StepFailure("训练数据加载失败：全部 " + total + " 条数据被训练数据服务拒绝，例如: " + failures.get(0));
        }
        double duration = (System.nanoTime() - started) / 1e9;
        context.log().info(LOGGER, "✅ 训练数据加载完成: 共 " + total + " 条，新增 " + created.values().stream()
                .mapToInt(Integer::intValue).sum() + " 条，已存在 " + unchanged.values().stream().mapToInt(Integer::intValue)
                .sum() + " 条，失败 " + totalFailed + " 条，按类型: " + received);
        if (totalFailed > 0) {
            context.log().warn(LOGGER, "⚠️ " + totalFailed + " 条训练数据加载失败，详见结果中的 failures");
        }
        Map<String, Object> artefact = new LinkedHashMap<>();
        artefact.put("training_data_dir", context.taskId());
        artefact.put("load_successful", totalFailed == 0);
        artefact.put("total_records", total);
        artefact.put("data_type_counts", received);
        artefact.put("created_counts", created);
        artefact.put("unchanged_counts", unchanged);
        artefact.put("failed_counts", failed);
        artefact.put("files_loaded", collected.files());
        artefact.put("failures", failures);
        artefact.put("duration", duration);
        artefact.put("engine", "training-data-service");
        return artefact;
    }

    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            chunks.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return chunks;
    }
}
