-- Training data: one row per item. The id is derived from the content (name-based UUID + type suffix), so storing
-- the same item twice is a no-op. The embedding is float32 little-endian, L2-normalised, of embedding_model.
CREATE TABLE training_item (
    id                 text PRIMARY KEY,
    training_data_type text        NOT NULL CHECK (training_data_type IN ('sql', 'ddl', 'documentation', 'error_sql')),
    question           text,
    content            text        NOT NULL,
    embedding          bytea,
    embedding_model    text,
    source             text        NOT NULL DEFAULT 'api',
    created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX training_item_type_id ON training_item (training_data_type, id);

-- Every create, update and delete, in commit order of the sequence: the outbox of the change events (published_at
-- is set once Kafka acknowledged the event) and the source of stats' last_updated.
CREATE TABLE training_change (
    seq          bigserial PRIMARY KEY,
    item_id      text        NOT NULL,
    op           text        NOT NULL CHECK (op IN ('created', 'updated', 'deleted')),
    payload      jsonb       NOT NULL,
    occurred_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    published_at timestamptz
);

CREATE INDEX training_change_unpublished ON training_change (seq) WHERE published_at IS NULL;

-- Keyword search (ILIKE '%kw%') uses trigram indexes when the pg_trgm extension can be had (it is a trusted
-- extension, so the database owner may create it); without it the query still works, by a scan.
DO $$
DECLARE
    trgm_schema text;
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm not available (%), keyword search scans', SQLERRM;
    END;
    SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
    IF trgm_schema IS NOT NULL THEN
        EXECUTE format('CREATE INDEX training_item_question_trgm ON training_item USING gin (question %I.gin_trgm_ops)',
                       trgm_schema);
        EXECUTE format('CREATE INDEX training_item_content_trgm ON training_item USING gin (content %I.gin_trgm_ops)',
                       trgm_schema);
    END IF;
END
$$;
