package dev.switchboard.provider;

/** A whole chat completion in OpenAI's {@code chat.completion} format (JSON bytes), and the usage it reported. */
public record ChatResponse(byte[] body, Usage usage) {
}
