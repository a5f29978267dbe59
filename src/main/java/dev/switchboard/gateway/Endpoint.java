package dev.switchboard.gateway;

import dev.switchboard.catalog.Model;

/**
 * The inference endpoints a call can be made to: the name its usage is recorded under, the kind of model it serves,
 * the path that serves it (named in refusals) and the dialect it speaks.
 */
public enum Endpoint {
    CHAT_COMPLETIONS("chat.completions", Model.CHAT, "/v1/chat/completions", Dialect.OPENAI),
    MESSAGES("messages", Model.CHAT, "/v1/messages", Dialect.ANTHROPIC),
    RESPONSES("responses", Model.CHAT, "/v1/responses", Dialect.OPENAI),
    COUNT_TOKENS("messages.count_tokens", Model.CHAT, "/v1/messages/count_tokens", Dialect.ANTHROPIC),
    EMBEDDINGS("embeddings", Model.EMBEDDING, "/v1/embeddings", Dialect.OPENAI),
    IMAGES("images.generations", Model.IMAGE, "/v1/images/generations", Dialect.OPENAI),
    /** An admin's test of a pool key: the smallest chat completion its provider serves. */
    KEY_TEST("llm-keys.test", Model.CHAT, "/api/admin/llm-keys/{id}/test", Dialect.OPENAI);

    private final String recordedAs;
    private final String modelKind;
    private final String path;
    private final Dialect dialect;

    Endpoint(String recordedAs, String modelKind, String path, Dialect dialect) {
        this.recordedAs = recordedAs;
        this.modelKind = modelKind;
        this.path = path;
        this.dialect = dialect;
    }

    public Dialect dialect() {
        return dialect;
    }

    public String recordedAs() {
        return recordedAs;
    }

    public String modelKind() {
        return modelKind;
    }

    public String path() {
        return path;
    }

    /** The endpoint a model of this kind is served on, for a refusal's hint. */
    static Endpoint servingKind(String kind) {
        for (var endpoint : values()) {
            if (endpoint.modelKind.equals(kind)) {
                return endpoint;
            }
        }
        return null;
    }
}
