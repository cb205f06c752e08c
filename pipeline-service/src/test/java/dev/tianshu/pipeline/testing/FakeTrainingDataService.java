package dev.tianshu.pipeline.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.event.EventEnvelope;
import dev.tianshu.common.testing.KafkaTestResource;
import dev.tianshu.common.training.TrainingEvents;
import dev.tianshu.common.training.TrainingItemInput;
import dev.tianshu.common.training.TrainingLoadCommand;
import dev.tianshu.common.training.TrainingLoadResult;
import dev.tianshu.common.training.TrainingLoadResult.TypeCounts;

/**
 * Stands in for training-data-service on the test broker: answers every load command as the real one does
 * (content-addressed: an item already stored counts as unchanged), and keeps what it stored, so tests can check that
 * nothing was stored twice. The real service's side of the contract is tested in training-data-service.
 */
public final class FakeTrainingDataService implements AutoCloseable {

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    /** Stored items by content key → how many times a command created it (must stay 1). */
    public final Map<String, AtomicInteger> stored = new ConcurrentHashMap<>();
    public final List<TrainingLoadCommand> commands = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public FakeTrainingDataService() {
        thread = new Thread(this::loop, "fake-training-data-service");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "fake-training-data-service-" + java.util.UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // plain strings and this class's own mapper: the envelope serde of common needs a Quarkus JVM
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c);
                KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            consumer.subscribe(List.of(TrainingEvents.LOAD_COMMANDS_TOPIC));
            while (running.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    TrainingLoadCommand command = read(record.value()).payloadAs(TrainingLoadCommand.class, mapper);
                    commands.add(command);
                    producer.send(new ProducerRecord<>(TrainingEvents.LOAD_RESULTS_TOPIC, record.key(),
                            write(EventEnvelope.of(TrainingEvents.LOAD_COMPLETED, TrainingEvents.VERSION, record.key(),
                                    answer(command), mapper))));
                }
            }
        }
    }

    private EventEnvelope read(String json) {
        try {
            return mapper.readValue(json, EventEnvelope.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private TrainingLoadResult answer(TrainingLoadCommand command) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (TrainingItemInput item : command.items()) {
            int[] c = counts.computeIfAbsent(item.trainingDataType(), t -> new int[4]);
            c[0]++;
            String key = item.trainingDataType() + "|" + item.question() + "|" + item.sql() + "|" + item.ddl() + "|"
                    + item.content();
            AtomicInteger created = stored.computeIfAbsent(key, k -> new AtomicInteger());
            if (created.get() == 0) {
                created.incrementAndGet();
                c[1]++;
            } else {
                c[2]++;
            }
        }
        Map<String, TypeCounts> result = new LinkedHashMap<>();
        counts.forEach((type, c) -> result.put(type, new TypeCounts(c[0], c[1], c[2], c[3])));
        return new TrainingLoadResult(command.taskId(), command.batchId(), result, List.of(), null);
    }

    /** Items stored per type. */
    public Map<String, Integer> storedByType() {
        Map<String, Integer> byType = new LinkedHashMap<>();
        for (String key : stored.keySet()) {
            byType.merge(key.substring(0, key.indexOf('|')), 1, Integer::sum);
        }
        return byType;
    }

    public Set<String> keys() {
        return stored.keySet();
    }

    public List<String> sourceFiles() {
        List<String> files = new ArrayList<>();
        commands.forEach(cmd -> cmd.items().forEach(i -> files.add(i.sourceFile())));
        return files;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5000);
    }
}
