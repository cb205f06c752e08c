package dev.tianshu.trainingdata.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the training-data service ({@code tianshu.training-data.*}). */
@ConfigMapping(prefix = "tianshu.training-data")
public interface TrainingDataConfig {

    /** At most this many items in one create or delete request. */
    @WithDefault("50")
    int maxBatch();

    /** Uploaded files larger than this are refused. */
    @WithDefault("512000")
    int maxUploadBytes();

    Search search();

    Embedding embedding();

    Outbox outbox();

    interface Search {
        /** Results per type when the request gives no top_k. */
        @WithDefault("10")
        int defaultTopK();

        @WithDefault("50")
        int maxTopK();

        /** Minimum similarity of a result per type when the request gives no min_score. */
        @WithDefault("0.65")
        double sqlThreshold();

        @WithDefault("0.5")
        double ddlThreshold();

        @WithDefault("0.5")
        double documentationThreshold();

        @WithDefault("0.8")
        double errorSqlThreshold();

        /** How long the search index may wait for its Kafka partitions before it loads anyway. */
        @WithDefault("30s")
        Duration assignmentWait();
    }

    interface Embedding {
        /**
         * in-process (bge-small-zh-v1.5, quantized) or openai (an OpenAI-compatible /embeddings endpoint, configured
         * by quarkus.langchain4j.openai.*).
         */
        @WithDefault("in-process")
        String provider();

        /** Texts per call of the model when many items are embedded at once. */
        @WithDefault("32")
        int batchSize();
    }

    interface Outbox {
        /** How often unpublished change events are looked for (after a failed publish or a crash). */
        @WithDefault("10s")
        Duration sweepInterval();

        /** Unpublished changes younger than this are left to the request that wrote them. */
        @WithDefault("5s")
        Duration sweepDelay();
    }
}
