-- The catalog at run time: an admin's base URL per provider (it wins over *_BASE_URL and the preset), a model's
-- context window and output limit, the other names a model answers to, and the version that every catalog change
-- bumps in its own transaction so that other instances know to reload.

ALTER TABLE providers ADD COLUMN admin_base_url VARCHAR(512);

ALTER TABLE models ADD COLUMN context_window INTEGER;
ALTER TABLE models ADD COLUMN max_output_tokens INTEGER;

-- A model is found by its name or by any of its aliases; the application keeps names and aliases apart from each
-- other (catalog changes are serialised by the catalog_version row), the primary key keeps aliases unique.
CREATE TABLE model_aliases (
    alias    VARCHAR(200) PRIMARY KEY,
    model_id VARCHAR(64)  NOT NULL REFERENCES models (id)
);
CREATE INDEX model_aliases_model ON model_aliases (model_id);

CREATE TABLE catalog_version (
    id      INTEGER PRIMARY KEY,
    version BIGINT  NOT NULL
);
INSERT INTO catalog_version (id, version) VALUES (1, 0);
