package dev.switchboard.provider;

import tools.jackson.databind.node.ObjectNode;

/**
 * Speaks one wire format. The request is canonical: OpenAI's chat completion request with {@code model} already
 * set to the upstream id. Both methods throw {@link ProviderException} for every upstream failure, and
 * {@link ProviderException#notSent} before any call for a request that this wire format cannot express.
 */
public interface ChatAdapter {

    WireFormat wireFormat();

    ChatResponse complete(UpstreamTarget target, ObjectNode request);

    /** Streams the answer to the listener; returns when the upstream stream has ended. */
    void stream(UpstreamTarget target, ObjectNode request, ChatStreamListener listener);
}
