-- One schema for SQLite and PostgreSQL: portable types only, ids and timestamps made by the application
-- (text ids, epoch milliseconds), money as integer nano-USD, prices as nano-USD per 1M tokens.

CREATE TABLE providers (
    id                      VARCHAR(64)  PRIMARY KEY,
    display_name            VARCHAR(128) NOT NULL,
    wire_format             VARCHAR(32)  NOT NULL,
    base_url                VARCHAR(512) NOT NULL,
    base_url_env            VARCHAR(64),
    key_env                 VARCHAR(64),
    requires_key            BOOLEAN      NOT NULL,
    enabled                 BOOLEAN      NOT NULL,
    credit_multiplier_milli BIGINT       NOT NULL
);

CREATE TABLE models (
    id                 VARCHAR(64)  PRIMARY KEY,
    name               VARCHAR(200) NOT NULL UNIQUE,
    provider_id        VARCHAR(64)  NOT NULL REFERENCES providers (id),
    upstream_model     VARCHAR(200) NOT NULL,
    display_name       VARCHAR(200) NOT NULL,
    kind               VARCHAR(32)  NOT NULL,
    input_price        BIGINT       NOT NULL,
    output_price       BIGINT       NOT NULL,
    cached_input_price BIGINT,
    active             BOOLEAN      NOT NULL,
    created_at         BIGINT       NOT NULL
);

CREATE TABLE users (
    id            VARCHAR(64)  PRIMARY KEY,
    email         VARCHAR(320) NOT NULL UNIQUE,
    password_hash VARCHAR(200) NOT NULL,
    full_name     VARCHAR(200),
    role          VARCHAR(16)  NOT NULL,
    active        BOOLEAN      NOT NULL,
    created_at    BIGINT       NOT NULL
);

CREATE TABLE gateway_keys (
    id         VARCHAR(64)  PRIMARY KEY,
    user_id    VARCHAR(64)  NOT NULL REFERENCES users (id),
    name       VARCHAR(200) NOT NULL,
    key_hash   VARCHAR(64)  NOT NULL UNIQUE,
    key_tail   VARCHAR(8)   NOT NULL,
    admin      BOOLEAN      NOT NULL,
    active     BOOLEAN      NOT NULL,
    created_at BIGINT       NOT NULL,
    expires_at BIGINT
);
CREATE INDEX gateway_keys_user ON gateway_keys (user_id);

CREATE TABLE usage_records (
    id              VARCHAR(64)  PRIMARY KEY,
    created_at      BIGINT       NOT NULL,
    endpoint        VARCHAR(64)  NOT NULL,
    user_id         VARCHAR(64),
    gateway_key_id  VARCHAR(64),
    provider_id     VARCHAR(64)  NOT NULL,
    model           VARCHAR(200) NOT NULL,
    upstream_model  VARCHAR(200) NOT NULL,
    credential_kind VARCHAR(32)  NOT NULL,
    credential_id   VARCHAR(64),
    status          VARCHAR(32)  NOT NULL,
    http_status     INTEGER      NOT NULL,
    streamed        BOOLEAN      NOT NULL,
    input_tokens    BIGINT       NOT NULL,
    output_tokens   BIGINT       NOT NULL,
    cached_tokens   BIGINT       NOT NULL,
    cost_nano_usd   BIGINT       NOT NULL,
    latency_ms      BIGINT       NOT NULL,
    error_type      VARCHAR(64)
);
CREATE INDEX usage_records_user_time ON usage_records (user_id, created_at);
CREATE INDEX usage_records_time ON usage_records (created_at);

INSERT INTO providers (id, display_name, wire_format, base_url, base_url_env, key_env, requires_key, enabled, credit_multiplier_milli) VALUES
    ('openai',     'OpenAI',         'openai',    'https://api.openai.com/v1',                  'OPENAI_BASE_URL',        'OPENAI_API_KEY',     TRUE,  TRUE, 1000),
    ('anthropic',  'Anthropic',      'anthropic', 'https://api.anthropic.com',                  'ANTHROPIC_BASE_URL',     'ANTHROPIC_API_KEY',  TRUE,  TRUE, 1000),
    ('google',     'Google Gemini',  'gemini',    'https://generativelanguage.googleapis.com',  'GOOGLE_BASE_URL',        'GOOGLE_API_KEY',     TRUE,  TRUE, 1000),
    ('groq',       'Groq',           'openai',    'https://api.groq.com/openai/v1',             'GROQ_BASE_URL',          'GROQ_API_KEY',       TRUE,  TRUE, 1000),
    ('openrouter', 'OpenRouter',     'openai',    'https://openrouter.ai/api/v1',               'OPENROUTER_BASE_URL',    'OPENROUTER_API_KEY', TRUE,  TRUE, 1000),
    ('github',     'GitHub Models',  'openai',    'https://models.github.ai/inference',         'GITHUB_MODELS_BASE_URL', 'GITHUB_TOKEN',       TRUE,  TRUE, 1500),
    ('ollama',     'Ollama',         'openai',    'http://localhost:11434/v1',                  'OLLAMA_BASE_URL',        NULL,                 FALSE, TRUE, 100),
    ('lmstudio',   'LM Studio',      'openai',    'http://localhost:1234/v1',                   'LMSTUDIO_BASE_URL',      NULL,                 FALSE, TRUE, 100);

INSERT INTO models (id, name, provider_id, upstream_model, display_name, kind, input_price, output_price, cached_input_price, active, created_at) VALUES
    ('m-gpt-4o-mini',        'gpt-4o-mini',             'openai',    'gpt-4o-mini',             'GPT-4o mini',             'chat',   150000000,    600000000,    75000000, TRUE, 1767225600000),
    ('m-gpt-4o',             'gpt-4o',                  'openai',    'gpt-4o',                  'GPT-4o',                  'chat',  2500000000,  10000000000,  1250000000, TRUE, 1767225600000),
    ('m-gpt-4-1-mini',       'gpt-4.1-mini',            'openai',    'gpt-4.1-mini',            'GPT-4.1 mini',            'chat',   400000000,   1600000000,   100000000, TRUE, 1767225600000),
    ('m-gpt-4-1',            'gpt-4.1',                 'openai',    'gpt-4.1',                 'GPT-4.1',                 'chat',  2000000000,   8000000000,   500000000, TRUE, 1767225600000),
    ('m-claude-sonnet-4-5',  'claude-sonnet-4-5',       'anthropic', 'claude-sonnet-4-5',       'Claude Sonnet 4.5',       'chat',  3000000000,  15000000000,   300000000, TRUE, 1767225600000),
    ('m-claude-opus-4-6',    'claude-opus-4-6',         'anthropic', 'claude-opus-4-6',         'Claude Opus 4.6',         'chat', 15000000000,  75000000000,  1500000000, TRUE, 1767225600000),
    ('m-claude-haiku-4-5',   'claude-haiku-4-5',        'anthropic', 'claude-haiku-4-5',        'Claude Haiku 4.5',        'chat',   800000000,   4000000000,    80000000, TRUE, 1767225600000),
    ('m-gemini-2-5-flash',   'gemini-2.5-flash',        'google',    'gemini-2.5-flash',        'Gemini 2.5 Flash',        'chat',   300000000,   2500000000,    75000000, TRUE, 1767225600000),
    ('m-gemini-2-5-pro',     'gemini-2.5-pro',          'google',    'gemini-2.5-pro',          'Gemini 2.5 Pro',          'chat',  1250000000,  10000000000,   310000000, TRUE, 1767225600000),
    ('m-llama-3-3-70b',      'llama-3.3-70b-versatile', 'groq',      'llama-3.3-70b-versatile', 'Llama 3.3 70B (Groq)',    'chat',   590000000,    790000000,        NULL, TRUE, 1767225600000),
    ('m-llama-3-1-8b',       'llama-3.1-8b-instant',    'groq',      'llama-3.1-8b-instant',    'Llama 3.1 8B (Groq)',     'chat',    50000000,     80000000,        NULL, TRUE, 1767225600000);
