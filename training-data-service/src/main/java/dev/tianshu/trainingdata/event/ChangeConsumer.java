package dev.tianshu.trainingdata.event;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tianshu.common.event.EventEnvelope;
import dev.tianshu.trainingdata.service.SearchIndex;
import io.smallrye.mutiny.Uni;

/**
 * Keeps this replica's search index fresh: every replica reads the whole changes topic (its own consumer group,
 * starting at the end; the initial load covers what came before) and re-reads the items the events name.
 */
@ApplicationScoped
public class ChangeConsumer {

    private static final Logger LOG = Logger.getLogger(ChangeConsumer.class);

    private final SearchIndex index;

    ChangeConsumer(SearchIndex index) {
        this.index = index;
    }

    @Incoming("training-changes")
    public Uni<Void> consume(List<EventEnvelope> events) {
        Set<String> ids = new LinkedHashSet<>();
        for (EventEnvelope event : events) {
            if (event == null) {
                LOG.warn("skipped an unreadable change event");
                continue;
            }
            ids.add(event.aggregateId());
            JsonNode previous = event.payload() == null ? null : event.payload().get("previous_id");
            if (previous != null && previous.isTextual()) {
                ids.add(previous.asText());
            }
        }
        ids.removeIf(Objects::isNull);
        return index.refresh(ids).onFailure().recoverWithUni(e -> {
            LOG.warnf("index refresh of %d items failed, retrying once: %s", ids.size(), e.getMessage());
            return index.refresh(ids);
        });
    }
}
