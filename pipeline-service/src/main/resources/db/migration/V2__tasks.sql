-- Pipeline tasks (seed 000). Times are timestamptz; the API shows them in the server's zone as the seed does.

CREATE TABLE task (
    task_id           varchar(32) PRIMARY KEY,
    task_name         text,
    task_type         text        NOT NULL DEFAULT 'data_workflow',
    status            text        NOT NULL DEFAULT 'pending'
                      CHECK (status IN ('pending', 'in_progress', 'partial_completed', 'completed', 'failed')),
    -- the full connection string, password included: only the steps read it; responses show parameters (masked)
    db_connection     text        NOT NULL,
    parameters        jsonb       NOT NULL,
    result            jsonb,
    error_message     text,
    created_type      text        NOT NULL DEFAULT 'api',
    by_user           text        NOT NULL DEFAULT 'guest',
    db_name           text,
    directory_exists  boolean     NOT NULL DEFAULT true,
    created_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    started_at        timestamptz,
    completed_at      timestamptz,
    updated_at        timestamptz,
    -- the current (or last) execution: its id, mode and, in step mode, its step
    run_id            uuid,
    execution_mode    text        CHECK (execution_mode IN ('complete', 'step')),
    run_step          text
);

CREATE INDEX task_created ON task (created_at DESC);

-- One row per task and step, created with the task. A step is "requested" when requested_at is set for the task's
-- current run; the consumer that claims it sets running, owner and heartbeat_at; a running step whose heartbeat is
-- older than the lease is requested again (its owner died).
CREATE TABLE task_step (
    task_id       varchar(32) NOT NULL REFERENCES task ON DELETE CASCADE,
    step_name     text        NOT NULL
                  CHECK (step_name IN ('ddl_generation', 'qa_generation', 'sql_validation', 'training_load')),
    step_order    int         NOT NULL,
    step_status   text        NOT NULL DEFAULT 'pending'
                  CHECK (step_status IN ('pending', 'running', 'completed', 'failed', 'skipped')),
    run_id        uuid,
    execution_id  text,
    requested_at  timestamptz,
    started_at    timestamptz,
    completed_at  timestamptz,
    error_message text,
    attempt       int         NOT NULL DEFAULT 0,
    owner         text,
    heartbeat_at  timestamptz,
    progress      jsonb,
    result        jsonb,
    PRIMARY KEY (task_id, step_name)
);

CREATE INDEX task_step_running ON task_step (heartbeat_at) WHERE step_status = 'running';

-- The task directory: every file the original wrote to disk, by name. Names with a '/' are in a sub-directory
-- (file_bak_<ts>/... backups) and are not listed.
CREATE TABLE task_file (
    task_id     varchar(32) NOT NULL REFERENCES task ON DELETE CASCADE,
    file_name   text        NOT NULL,
    content     bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    modified_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (task_id, file_name)
);

-- data_pipeline.log, one row per line.
CREATE TABLE task_log (
    id        bigserial PRIMARY KEY,
    task_id   varchar(32) NOT NULL REFERENCES task ON DELETE CASCADE,
    logged_at timestamptz NOT NULL,
    level     text        NOT NULL,
    logger    text        NOT NULL,
    step      text,
    message   text        NOT NULL
);

CREATE INDEX task_log_task ON task_log (task_id, id);

-- Events to publish (transactional outbox): written in the transaction that changed the state, sent after commit,
-- marked once Kafka acknowledged them; a periodic sweep sends what a crash or a failed send left behind.
CREATE TABLE outbox (
    id           bigserial PRIMARY KEY,
    topic        text        NOT NULL,
    record_key   text        NOT NULL,
    envelope     jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    published_at timestamptz
);

CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

-- Batches the training_load step sent to training-data-service, and the results it answered.
CREATE TABLE load_batch (
    batch_id    text PRIMARY KEY,
    task_id     varchar(32) NOT NULL REFERENCES task ON DELETE CASCADE,
    item_count  int         NOT NULL,
    sent_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    result      jsonb,
    received_at timestamptz
);

CREATE INDEX load_batch_task ON load_batch (task_id);
