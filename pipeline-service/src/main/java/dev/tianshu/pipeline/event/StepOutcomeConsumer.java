package dev.tianshu.pipeline.event;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.event.EventEnvelope;
import dev.tianshu.pipeline.service.ExecutionService;
import io.smallrye.mutiny.Uni;

/** Consumes step outcomes and lets the {@link ExecutionService} request the next step or end the task. */
@ApplicationScoped
public class StepOutcomeConsumer {

    private static final Logger LOG = Logger.getLogger(StepOutcomeConsumer.class);

    private final ExecutionService executions;
    private final ObjectMapper mapper;

    StepOutcomeConsumer(ExecutionService executions, ObjectMapper mapper) {
        this.executions = executions;
        this.mapper = mapper;
    }

    @Incoming("step-outcomes")
    public Uni<Void> consume(EventEnvelope event) {
        if (event == null || !(PipelineEvents.STEP_COMPLETED.equals(event.type())
                || PipelineEvents.STEP_FAILED.equals(event.type()))) {
            return Uni.createFrom().voidItem();
        }
        StepOutcome outcome;
        try {
            outcome = event.payloadAs(StepOutcome.class, mapper);
        } catch (IllegalArgumentException e) {
            LOG.warnf("skipped a malformed step outcome: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        // a failure (the database is down) is retried a few times; after that the sweep picks the execution up
        return executions.onOutcome(outcome)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).atMost(5)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("outcome of %s/%s not handled yet: %s", outcome.taskId(), outcome.step(), e.getMessage());
                    return null;
                });
    }
}
