package dev.switchboard.provider;

/** A whole answer in Anthropic's Messages format (a {@code message} object as JSON bytes), and the usage it reported. */
public record MessagesResponse(byte[] body, Usage usage) {
}
