package dev.switchboard.gateway;

/** The API dialects callers speak: each words its refusals and renders failures in its own error shape. */
public enum Dialect {
    OPENAI, ANTHROPIC
}
