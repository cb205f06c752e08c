package dev.tianshu.pipeline.step.load;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.event.EventEnvelope;
import dev.tianshu.common.training.TrainingEvents;
import dev.tianshu.common.training.TrainingLoadResult;
import dev.tianshu.pipeline.repository.LoadBatchRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/** Stores training-data-service's answers to load commands, for the step that waits for them. */
@ApplicationScoped
public class LoadResultConsumer {

    private static final Logger LOG = Logger.getLogger(LoadResultConsumer.class);

    private final LoadBatchRepository batches;
    private final LoadResults results;
    private final ObjectMapper mapper;

    LoadResultConsumer(LoadBatchRepository batches, LoadResults results, ObjectMapper mapper) {
        this.batches = batches;
        this.results = results;
        this.mapper = mapper;
    }

    @Incoming("training-load-results")
    public Uni<Void> consume(EventEnvelope event) {
        if (event == null || !TrainingEvents.LOAD_COMPLETED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        TrainingLoadResult result;
        try {
            result = event.payloadAs(TrainingLoadResult.class, mapper);
        } catch (IllegalArgumentException e) {
            LOG.warnf("skipped a malformed load result: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (result.batchId() == null) {
            LOG.warnf("load result without batch id for task %s: %s", result.taskId(), result.error());
            return Uni.createFrom().voidItem();
        }
        JsonObject json;
        try {
            json = new JsonObject(mapper.writeValueAsString(result));
        } catch (Exception e) {
            return Uni.createFrom().voidItem();
        }
        return batches.answered(result.batchId(), json)
                .invoke(stored -> results.arrived(result.taskId(), json))
                .onFailure().retry().withBackOff(java.time.Duration.ofMillis(200)).atMost(5)
                .replaceWithVoid();
    }
}
