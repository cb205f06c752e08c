package dev.tianshu.pipeline.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the pipeline (prefix {@code tianshu.pipeline}); defaults follow the original where it has them. */
@ConfigMapping(prefix = "tianshu.pipeline")
public interface PipelineConfig {

    /** The business database a task without db_connection uses (TIANSHU_BUSINESS_DB_URL). */
    Optional<String> businessDbUrl();

    /** Statement timeout of every query sent to a business database. */
    @WithDefault("30s")
    Duration statementTimeout();

    Ddl ddl();

    Qa qa();

    Validation validation();

    Load load();

    Execution execution();

    interface Ddl {
        /** Tables inspected (and commented) at the same time. */
        @WithDefault("8")
        int maxConcurrentTables();

        @WithDefault("20")
        int sampleRows();

        /** Above this many rows, samples come from head, TABLESAMPLE and tail, and row counts are estimates. */
        @WithDefault("1000000")
        long largeTableRows();

        /** A column is an enum when a GROUP BY finds at most this many distinct values. */
        @WithDefault("20")
        int enumMaxDistinct();
    }

    interface Qa {
        @WithDefault("5")
        int themeCount();

        @WithDefault("10")
        int questionsPerTheme();

        /** Step 2 refuses task table lists longer than this. */
        @WithDefault("1000")
        int maxTables();

        /** Themes generated at the same time (LLM engine). */
        @WithDefault("5")
        int maxConcurrentThemes();
    }

    interface Validation {
        @WithDefault("5")
        int maxConcurrent();

        /** Retries of a statement that failed because of the connection (never because of the SQL). */
        @WithDefault("2")
        int maxRetries();

        /** Failing statements sent to the LLM in one repair request. */
        @WithDefault("2")
        int repairBatchSize();

        /** Repair requests in flight at the same time. */
        @WithDefault("4")
        int maxConcurrentRepairs();
    }

    interface Load {
        /** Items per load command. */
        @WithDefault("100")
        int batchSize();

        /** How long step 4 waits for training-data-service's answers. */
        @WithDefault("10m")
        Duration timeout();
    }

    interface Execution {
        /** How often a running step records that it is alive. */
        @WithDefault("2s")
        Duration heartbeat();

        /** A running step whose heartbeat is older than this is taken to be dead and is requested again. */
        @WithDefault("15s")
        Duration lease();

        /** How often each replica looks for dead steps and unpublished events. */
        @WithDefault("5s")
        Duration sweepInterval();
    }
}
