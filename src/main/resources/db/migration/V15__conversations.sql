-- Conversations (issue 12): owned by one user; each message keeps its content exactly as sent (JSON: a string or an
-- array of content parts) in the dialect it was written in, and an answer the usage record of the call that made it.
-- Deleting a conversation deletes its messages; usage_records never point here, so they stay, unlinked.
CREATE TABLE conversations (
    id            VARCHAR(64)  PRIMARY KEY,
    user_id       VARCHAR(64)  NOT NULL REFERENCES users (id),
    title         VARCHAR(200),
    model         VARCHAR(200) NOT NULL,
    system_prompt TEXT,
    created_at    BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL
);
CREATE INDEX conversations_user_time ON conversations (user_id, created_at, id);

CREATE TABLE conversation_messages (
    id              VARCHAR(64)  PRIMARY KEY,
    conversation_id VARCHAR(64)  NOT NULL REFERENCES conversations (id),
    seq             BIGINT       NOT NULL,
    role            VARCHAR(16)  NOT NULL,
    content         TEXT         NOT NULL,
    format          VARCHAR(16)  NOT NULL,
    model           VARCHAR(200),
    input_tokens    BIGINT       NOT NULL,
    output_tokens   BIGINT       NOT NULL,
    cost_nano_usd   BIGINT       NOT NULL,
    usage_record_id VARCHAR(64),
    status          VARCHAR(16)  NOT NULL,
    created_at      BIGINT       NOT NULL,
    UNIQUE (conversation_id, seq)
);
