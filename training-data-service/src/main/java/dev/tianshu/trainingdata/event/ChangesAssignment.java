package dev.tianshu.trainingdata.event;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Tells the search index when this replica's change consumer owns its partitions and has fixed its start positions.
 * Loading the index only after that guarantees no change falls between the load and the first consumed event.
 */
@ApplicationScoped
@Identifier("training-changes-assignment")
public class ChangesAssignment implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(ChangesAssignment.class);

    private final CompletableFuture<Void> assigned = new CompletableFuture<>();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // resolves "latest" to concrete offsets now, before the index reads the table
        partitions.forEach(consumer::position);
        LOG.debugf("change partitions assigned: %s", partitions);
        assigned.complete(null);
    }

    public CompletableFuture<Void> assigned() {
        return assigned;
    }
}
