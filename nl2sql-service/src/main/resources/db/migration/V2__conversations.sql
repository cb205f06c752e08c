-- Conversations of /df/rest/gpt: the model they were started with and their turns. Any replica can continue a
-- conversation; one idle for longer than the configured lifetime is gone (errCode 1001).
CREATE TABLE conversation (
    chat_id        char(32) PRIMARY KEY,
    language       text        NOT NULL,
    model          jsonb       NOT NULL,
    -- what the last answered question was understood as, for follow-ups ("今年呢?")
    reading        jsonb,
    created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    last_active_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX conversation_last_active ON conversation (last_active_at);

CREATE TABLE conversation_turn (
    chat_id    char(32)    NOT NULL REFERENCES conversation ON DELETE CASCADE,
    turn       int         NOT NULL,
    input      text        NOT NULL,
    type       text        NOT NULL CHECK (type IN ('sql', 'error', 'assistant')),
    content    text        NOT NULL,
    question   text,
    engine     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (chat_id, turn)
);
