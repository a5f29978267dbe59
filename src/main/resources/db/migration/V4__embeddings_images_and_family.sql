-- Embedding and image models, per-image prices, and models for the rest of the OpenAI-compatible family.
-- Prices in nano-USD (per 1M tokens in models, per image in image_prices).

CREATE TABLE image_prices (
    model_id       VARCHAR(64)  NOT NULL REFERENCES models (id),
    size           VARCHAR(32)  NOT NULL,
    quality        VARCHAR(32)  NOT NULL,
    price_nano_usd BIGINT       NOT NULL,
    PRIMARY KEY (model_id, size, quality)
);

INSERT INTO models (id, name, provider_id, upstream_model, display_name, kind, input_price, output_price, cached_input_price, active, created_at) VALUES
    ('m-text-embedding-3-small', 'text-embedding-3-small', 'openai', 'text-embedding-3-small', 'Text Embedding 3 Small', 'embedding',   20000000, 0, NULL, TRUE, 1767225600000),
    ('m-text-embedding-3-large', 'text-embedding-3-large', 'openai', 'text-embedding-3-large', 'Text Embedding 3 Large', 'embedding',  130000000, 0, NULL, TRUE, 1767225600000),
    ('m-gemini-embedding-001',   'gemini-embedding-001',   'google', 'gemini-embedding-001',   'Gemini Embedding 001',   'embedding',  150000000, 0, NULL, TRUE, 1767225600000),
    ('m-dall-e-3',               'dall-e-3',               'openai', 'dall-e-3',               'DALL·E 3',               'image',              0, 0, NULL, TRUE, 1767225600000),
    ('m-dall-e-2',               'dall-e-2',               'openai', 'dall-e-2',               'DALL·E 2',               'image',              0, 0, NULL, TRUE, 1767225600000),
    ('m-gpt-image-1',            'gpt-image-1',            'openai', 'gpt-image-1',            'GPT Image 1',            'image',     5000000000, 40000000000, 1250000000, TRUE, 1767225600000),
    ('m-or-llama-3-3-70b',       'meta-llama/llama-3.3-70b-instruct', 'openrouter', 'meta-llama/llama-3.3-70b-instruct', 'Llama 3.3 70B (OpenRouter)', 'chat', 130000000, 400000000, NULL, TRUE, 1767225600000),
    ('m-or-claude-sonnet-4-5',   'anthropic/claude-sonnet-4.5',       'openrouter', 'anthropic/claude-sonnet-4.5',       'Claude Sonnet 4.5 (OpenRouter)', 'chat', 3000000000, 15000000000, 300000000, TRUE, 1767225600000),
    ('m-gh-gpt-4-1-mini',        'github/openai/gpt-4.1-mini',        'github',     'openai/gpt-4.1-mini',               'GPT-4.1 mini (GitHub Models)', 'chat', 400000000, 1600000000, 100000000, TRUE, 1767225600000),
    ('m-gh-gpt-4o-mini',         'github/openai/gpt-4o-mini',         'github',     'openai/gpt-4o-mini',                'GPT-4o mini (GitHub Models)',  'chat', 150000000,  600000000,  75000000, TRUE, 1767225600000),
    ('m-ollama-llama3-2',        'ollama/llama3.2',                   'ollama',     'llama3.2',                          'Llama 3.2 (Ollama)',           'chat', 0, 0, NULL, TRUE, 1767225600000),
    ('m-ollama-qwen2-5',         'ollama/qwen2.5',                    'ollama',     'qwen2.5',                           'Qwen 2.5 (Ollama)',            'chat', 0, 0, NULL, TRUE, 1767225600000),
    ('m-lmstudio-qwen2-5-7b',    'lmstudio/qwen2.5-7b-instruct',      'lmstudio',   'qwen2.5-7b-instruct',               'Qwen 2.5 7B (LM Studio)',      'chat', 0, 0, NULL, TRUE, 1767225600000);

-- OpenAI's published per-image prices. gpt-image-1's "auto" size or quality lets OpenAI choose; it is billed at the
-- highest price OpenAI could choose (the largest size, high quality), so a call is never billed below its cost.
INSERT INTO image_prices (model_id, size, quality, price_nano_usd) VALUES
    ('m-dall-e-3',    '1024x1024', 'standard',  40000000),
    ('m-dall-e-3',    '1024x1792', 'standard',  80000000),
    ('m-dall-e-3',    '1792x1024', 'standard',  80000000),
    ('m-dall-e-3',    '1024x1024', 'hd',        80000000),
    ('m-dall-e-3',    '1024x1792', 'hd',       120000000),
    ('m-dall-e-3',    '1792x1024', 'hd',       120000000),
    ('m-dall-e-2',    '256x256',   'standard',  16000000),
    ('m-dall-e-2',    '512x512',   'standard',  18000000),
    ('m-dall-e-2',    '1024x1024', 'standard',  20000000),
    ('m-gpt-image-1', '1024x1024', 'low',       11000000),
    ('m-gpt-image-1', '1024x1536', 'low',       16000000),
    ('m-gpt-image-1', '1536x1024', 'low',       16000000),
    ('m-gpt-image-1', 'auto',      'low',       16000000),
    ('m-gpt-image-1', '1024x1024', 'medium',    42000000),
    ('m-gpt-image-1', '1024x1536', 'medium',    63000000),
    ('m-gpt-image-1', '1536x1024', 'medium',    63000000),
    ('m-gpt-image-1', 'auto',      'medium',    63000000),
    ('m-gpt-image-1', '1024x1024', 'high',     167000000),
    ('m-gpt-image-1', '1024x1536', 'high',     250000000),
    ('m-gpt-image-1', '1536x1024', 'high',     250000000),
    ('m-gpt-image-1', 'auto',      'high',     250000000),
    ('m-gpt-image-1', '1024x1024', 'auto',     167000000),
    ('m-gpt-image-1', '1024x1536', 'auto',     250000000),
    ('m-gpt-image-1', '1536x1024', 'auto',     250000000),
    ('m-gpt-image-1', 'auto',      'auto',     250000000);
