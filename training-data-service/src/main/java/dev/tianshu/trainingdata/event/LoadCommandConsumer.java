package dev.tianshu.trainingdata.event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.event.EventEnvelope;
import dev.tianshu.common.training.TrainingEvents;
import dev.tianshu.common.training.TrainingItemInput;
import dev.tianshu.common.training.TrainingLoadCommand;
import dev.tianshu.common.training.TrainingLoadResult;
import dev.tianshu.common.training.TrainingLoadResult.ItemFailure;
import dev.tianshu.common.training.TrainingLoadResult.TypeCounts;
import dev.tianshu.trainingdata.model.TrainingType;
import dev.tianshu.trainingdata.service.ItemValidator;
import dev.tianshu.trainingdata.service.TrainingDataService;
import dev.tianshu.trainingdata.service.TrainingDataService.ItemOutcome;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Loads batches of training items sent by pipeline-service's training_load step and answers each with a
 * {@link TrainingLoadResult}. Items are stored exactly as POST /create stores them (same validation, content-derived
 * ids), so a redelivered or repeated command creates nothing new; its result counts those items as unchanged.
 */
@ApplicationScoped
public class LoadCommandConsumer {

    private static final Logger LOG = Logger.getLogger(LoadCommandConsumer.class);

    private final TrainingDataService service;
    private final ObjectMapper mapper;
    private final MutinyEmitter<Record<String, EventEnvelope>> results;

    LoadCommandConsumer(TrainingDataService service, ObjectMapper mapper,
            @Channel("training-load-results") MutinyEmitter<Record<String, EventEnvelope>> results) {
        this.service = service;
        this.mapper = mapper;
        this.results = results;
    }

    @Incoming("training-load-commands")
    public Uni<Void> consume(EventEnvelope event) {
        if (event == null) {
            LOG.warn("skipped an unreadable load command");
            return Uni.createFrom().voidItem();
        }
        TrainingLoadCommand command;
        try {
            command = event.payloadAs(TrainingLoadCommand.class, mapper);
        } catch (IllegalArgumentException e) {
            LOG.warnf("load command %s is malformed: %s", event.eventId(), e.getMessage());
            return reply(new TrainingLoadResult(event.aggregateId(), null, Map.of(), List.of(),
                    "加载命令格式错误: " + e.getMessage()));
        }
        String taskId = command.taskId() == null ? event.aggregateId() : command.taskId();
        List<TrainingItemInput> items = command.items() == null ? List.of() : command.items();
        List<ItemValidator.Result> validated = items.stream()
                .map(item -> ItemValidator.validate(item == null ? null : mapper.valueToTree(item), "task:" + taskId))
                .toList();
        return service.store(validated)
                .map(outcomes -> result(taskId, command.batchId(), items, outcomes))
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf(e, "load command %s of task %s failed", event.eventId(), taskId);
                    return new TrainingLoadResult(taskId, command.batchId(), counts(items, List.of()), List.of(),
                            "训练数据加载失败: " + e.getMessage());
                })
                .flatMap(this::reply);
    }

    private Uni<Void> reply(TrainingLoadResult result) {
        String key = result.taskId() == null ? "unknown" : result.taskId();
        return results.send(Record.of(key, EventEnvelope.of(TrainingEvents.LOAD_COMPLETED, TrainingEvents.VERSION,
                key, result, mapper)));
    }

    private static TrainingLoadResult result(String taskId, String batchId, List<TrainingItemInput> items,
            List<ItemOutcome> outcomes) {
        List<ItemFailure> failures = new ArrayList<>();
        for (ItemOutcome outcome : outcomes) {
            if (!outcome.success()) {
                TrainingItemInput item = items.get(outcome.index());
                failures.add(new ItemFailure(outcome.index(), outcome.typeName(),
                        item == null ? null : item.sourceFile(), outcome.error()));
            }
        }
        return new TrainingLoadResult(taskId, batchId, counts(items, outcomes), failures, null);
    }

    /** Per type: received, created, unchanged, failed (with no outcomes, every item failed). */
    private static Map<String, TypeCounts> counts(List<TrainingItemInput> items, List<ItemOutcome> outcomes) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (TrainingType type : TrainingType.values()) {
            counts.put(type.apiName(), new int[4]);
        }
        for (int i = 0; i < items.size(); i++) {
            TrainingItemInput item = items.get(i);
            String type = item == null || item.trainingDataType() == null ? "unknown" : item.trainingDataType();
            int[] c = counts.computeIfAbsent(type, t -> new int[4]);
            c[0]++;
            if (outcomes.isEmpty()) {
                c[3]++;
                continue;
            }
            ItemOutcome outcome = outcomes.get(i);
            c[!outcome.success() ? 3 : outcome.existed() ? 2 : 1]++;
        }
        Map<String, TypeCounts> result = new LinkedHashMap<>();
        counts.forEach((type, c) -> result.put(type, new TypeCounts(c[0], c[1], c[2], c[3])));
        return result;
    }
}
