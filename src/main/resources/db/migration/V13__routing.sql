-- Routing: a model may be served by several deployments (a provider, its model id there, optionally one pinned pool
-- key, a weight), chosen by a strategy; it retries a failed call up to max_retries times, then falls back to other
-- models in order (and to context_fallback when the prompt does not fit); its timeouts override its providers'.
-- A model without deployment rows is served by its own provider and upstream model, as before.

ALTER TABLE models ADD COLUMN routing_strategy VARCHAR(32);
ALTER TABLE models ADD COLUMN max_retries INTEGER;
ALTER TABLE models ADD COLUMN context_fallback VARCHAR(200);
ALTER TABLE models ADD COLUMN connect_timeout_ms BIGINT;
ALTER TABLE models ADD COLUMN first_byte_timeout_ms BIGINT;
ALTER TABLE models ADD COLUMN stream_idle_timeout_ms BIGINT;
ALTER TABLE models ADD COLUMN deadline_ms BIGINT;

CREATE TABLE model_deployments (
    model_id       VARCHAR(64)  NOT NULL REFERENCES models (id),
    position       INTEGER      NOT NULL,
    provider_id    VARCHAR(64)  NOT NULL REFERENCES providers (id),
    upstream_model VARCHAR(200) NOT NULL,
    pool_key_id    VARCHAR(64),
    weight         INTEGER      NOT NULL,
    PRIMARY KEY (model_id, position)
);

-- Fallbacks name models (by name or alias), not rows: a fallback deleted later is refused at request time.
CREATE TABLE model_fallbacks (
    model_id VARCHAR(64)  NOT NULL REFERENCES models (id),
    position INTEGER      NOT NULL,
    fallback VARCHAR(200) NOT NULL,
    PRIMARY KEY (model_id, position)
);
