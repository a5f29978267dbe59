package dev.switchboard.provider;

import tools.jackson.databind.node.ObjectNode;

/**
 * Creates embeddings in one wire format. The request is OpenAI's embeddings request with {@code model} already the
 * upstream id; the reply is OpenAI's list of embeddings with {@code usage.prompt_tokens}. Throws
 * {@link ProviderException} for every failure.
 */
public interface EmbeddingAdapter {

    WireFormat wireFormat();

    UpstreamReply embed(UpstreamTarget target, ObjectNode request);
}
