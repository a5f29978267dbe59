package dev.switchboard.provider;

/** A whole non-chat answer (embeddings, images) in OpenAI's format (JSON bytes), and the token usage it reported. */
public record UpstreamReply(byte[] body, Usage usage) {
}
