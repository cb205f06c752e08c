-- Events this service has handled, so that a redelivered Kafka record changes nothing.
CREATE TABLE processed_events (
    event_id     uuid PRIMARY KEY,
    consumer     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);
