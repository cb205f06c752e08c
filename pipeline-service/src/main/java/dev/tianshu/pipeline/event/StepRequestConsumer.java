package dev.tianshu.pipeline.event;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.event.EventEnvelope;
import dev.tianshu.pipeline.service.StepRunner;
import io.smallrye.mutiny.Uni;

/** Consumes step requests (group pipeline-service: one replica gets each) and hands them to the {@link StepRunner}. */
@ApplicationScoped
public class StepRequestConsumer {

    private static final Logger LOG = Logger.getLogger(StepRequestConsumer.class);

    private final StepRunner runner;
    private final ObjectMapper mapper;

    StepRequestConsumer(StepRunner runner, ObjectMapper mapper) {
        this.runner = runner;
        this.mapper = mapper;
    }

    @Incoming("step-requests")
    public Uni<Void> consume(EventEnvelope event) {
        if (event == null || !PipelineEvents.STEP_REQUESTED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        StepRequested request;
        try {
            request = event.payloadAs(StepRequested.class, mapper);
        } catch (IllegalArgumentException e) {
            LOG.warnf("skipped a malformed step request: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        return runner.accept(request);
    }
}
