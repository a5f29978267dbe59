package dev.switchboard.provider;

import tools.jackson.databind.node.ObjectNode;

/**
 * Native calls to an upstream that serves OpenAI's Responses API ({@code POST {base}/responses}): the request goes as
 * the caller wrote it ({@code model} already the upstream id) and the answer comes back untranslated, its usage read
 * from the response object or from {@code response.completed}. Both methods throw {@link ProviderException} for every
 * upstream failure, including a {@code response.failed} or {@code error} event mid-stream and a stream that ends
 * before its terminal event.
 */
public interface NativeResponses {

    /** Whether this upstream serves the Responses API itself (otherwise calls are translated to chat completions). */
    boolean serves(UpstreamTarget target, WireFormat format);

    ResponsesReply complete(UpstreamTarget target, ObjectNode request);

    /**
     * Relays every event before the terminal one to the listener, as it arrives; returns the terminal event, which the
     * caller sends once it has settled the call.
     */
    ResponsesReply stream(UpstreamTarget target, ObjectNode request, ResponsesStreamListener listener);
}
