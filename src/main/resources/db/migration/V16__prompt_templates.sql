-- Prompt templates (issue 12, seed 002): a template's name, type and owner (none: a system template, visible to all);
-- its versions are immutable (body, system part, declared variables) but for their A/B weight and whether they are in
-- the draw. Usage records name the template and version that a call was rendered from.
CREATE TABLE prompt_templates (
    id              VARCHAR(64)  PRIMARY KEY,
    name            VARCHAR(200) NOT NULL UNIQUE,
    type            VARCHAR(100) NOT NULL,
    description     TEXT,
    owner_user_id   VARCHAR(64),
    owner_client_id VARCHAR(64),
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL
);
CREATE INDEX prompt_templates_owner ON prompt_templates (owner_user_id);

CREATE TABLE prompt_versions (
    template_id VARCHAR(64) NOT NULL REFERENCES prompt_templates (id),
    version     INTEGER     NOT NULL,
    body        TEXT        NOT NULL,
    system_part TEXT,
    variables   TEXT        NOT NULL,
    weight      INTEGER     NOT NULL,
    active      BOOLEAN     NOT NULL,
    created_at  BIGINT      NOT NULL,
    PRIMARY KEY (template_id, version)
);

ALTER TABLE usage_records ADD COLUMN template_id VARCHAR(64);
ALTER TABLE usage_records ADD COLUMN template_version INTEGER;
CREATE INDEX usage_records_template ON usage_records (template_id, template_version);
