-- Item counts per type, kept exact by statement-level triggers (also for TRUNCATE and direct SQL), so stats and
-- unfiltered or type-only queries need no scan of training_item.
CREATE TABLE training_type_count (
    training_data_type text PRIMARY KEY,
    n                  bigint NOT NULL
);

INSERT INTO training_type_count (training_data_type, n)
SELECT t, (SELECT count(*) FROM training_item WHERE training_data_type = t)
FROM unnest(ARRAY['ddl', 'documentation', 'error_sql', 'sql']) AS t;

CREATE FUNCTION training_type_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r record;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE training_type_count SET n = 0;
        RETURN NULL;
    END IF;
    -- rows are locked in type order, so concurrent writers cannot deadlock on the counters
    IF TG_OP = 'INSERT' THEN
        FOR r IN SELECT training_data_type AS t, count(*) AS d FROM new_rows GROUP BY 1 ORDER BY 1 LOOP
            UPDATE training_type_count SET n = n + r.d WHERE training_data_type = r.t;
        END LOOP;
    ELSE
        FOR r IN SELECT training_data_type AS t, count(*) AS d FROM old_rows GROUP BY 1 ORDER BY 1 LOOP
            UPDATE training_type_count SET n = n - r.d WHERE training_data_type = r.t;
        END LOOP;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER training_type_count_insert AFTER INSERT ON training_item
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION training_type_count_apply();
CREATE TRIGGER training_type_count_delete AFTER DELETE ON training_item
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION training_type_count_apply();
CREATE TRIGGER training_type_count_truncate AFTER TRUNCATE ON training_item
    FOR EACH STATEMENT EXECUTE FUNCTION training_type_count_apply();

-- The type of an item is part of its id and never changes in place.
CREATE FUNCTION training_item_type_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'training_data_type of % cannot change; replace the item instead', OLD.id;
END
$$;
CREATE TRIGGER training_item_type_fixed BEFORE UPDATE OF training_data_type ON training_item
    FOR EACH ROW WHEN (OLD.training_data_type IS DISTINCT FROM NEW.training_data_type)
    EXECUTE FUNCTION training_item_type_fixed();

-- Keyword search: question and content lower-cased once, at write time; LIKE on it is case-insensitive without
-- ILIKE's per-row case folding, and one trigram index serves it.
ALTER TABLE training_item
    ADD COLUMN search_text text GENERATED ALWAYS AS (lower(coalesce(question, '') || E'\n' || content)) STORED;
DROP INDEX IF EXISTS training_item_question_trgm;
DROP INDEX IF EXISTS training_item_content_trgm;

DO $$
DECLARE
    trgm_schema text;
BEGIN
    SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
    IF trgm_schema IS NOT NULL THEN
        EXECUTE format('CREATE INDEX training_item_search_trgm ON training_item USING gin (search_text %I.gin_trgm_ops)',
                       trgm_schema);
    END IF;
END
$$;
