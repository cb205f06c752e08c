package dev.tianshu.trainingdata.service;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import dev.tianshu.common.concurrent.Blocking;
import dev.tianshu.trainingdata.config.TrainingDataConfig;
import io.smallrye.mutiny.Uni;

/**
 * Turns texts into L2-normalised vectors. By default with bge-small-zh-v1.5 (quantized, 512 dimensions) running
 * inside the JVM on onnxruntime; with {@code tianshu.training-data.embedding.provider=openai} through an
 * OpenAI-compatible /embeddings endpoint. Embedding is CPU work, so it never runs on an event loop.
 */
@ApplicationScoped
public class EmbeddingService {

    private static final Logger LOG = Logger.getLogger(EmbeddingService.class);

    private final ExecutorService modelThreads;
    private final EmbeddingModel model;
    private final String modelName;
    private final int batchSize;
    private volatile int dimension;

    EmbeddingService(TrainingDataConfig config, OpenAiEmbeddings openAi) {
        this.batchSize = config.embedding().batchSize();
        if ("openai".equalsIgnoreCase(config.embedding().provider())) {
            this.modelThreads = null;
            this.model = openAi.model();
            this.modelName = openAi.modelName();
        } else {
            int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
            this.modelThreads = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "embedding");
                t.setDaemon(true);
                return t;
            });
            this.model = new BgeSmallZhV15QuantizedEmbeddingModel(modelThreads);
            this.modelName = "bge-small-zh-v1.5-q";
        }
        LOG.infof("embedding model %s", modelName);
    }

    /** The name stored with every embedding; rows with another name are embedded again. */
    public String modelName() {
        return modelName;
    }

    public Uni<float[]> embed(String text) {
        return Blocking.call(() -> model.embed(text).content().vector());
    }

    public Uni<List<float[]>> embedAll(List<String> texts) {
        return Blocking.call(() -> embedAllNow(texts));
    }

    /** Blocking: the embeddings of {@code texts}, in order. */
    public List<float[]> embedAllNow(List<String> texts) {
        // a batch is padded to its longest text: batching texts of similar length saves most of the padding
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> texts.get(i).length()));
        float[][] vectors = new float[texts.size()][];
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            List<TextSegment> segments = new ArrayList<>(to - from);
            for (int k = from; k < to; k++) {
                segments.add(TextSegment.from(texts.get(order[k])));
            }
            List<Embedding> embedded = model.embedAll(segments).content();
            for (int k = from; k < to; k++) {
                vectors[order[k]] = embedded.get(k - from).vector();
            }
        }
        return java.util.Arrays.asList(vectors);
    }

    /** Warms the model up (loads onnxruntime and the model weights) so the first request is not slow. */
    public void warmUp() {
        dimension = model.embed("预热 warm-up").content().dimension();
    }

    /** The length of the vectors, known after {@link #warmUp()}. */
    public int dimension() {
        return dimension;
    }

    @PreDestroy
    void stop() {
        if (modelThreads != null) {
            modelThreads.shutdownNow();
        }
    }

    /** float32 little-endian, as stored in training_item.embedding. */
    public static byte[] toBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    public static float[] fromBytes(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
