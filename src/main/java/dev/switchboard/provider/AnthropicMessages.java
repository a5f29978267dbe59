package dev.switchboard.provider;

import tools.jackson.databind.node.ObjectNode;

/**
 * Native calls to an upstream that speaks Anthropic's Messages API: the request goes as the caller wrote it (its
 * {@code model} already the upstream id) and the answer comes back untranslated, its usage read on the way. Both
 * methods throw {@link ProviderException} for every upstream failure, including an {@code error} event mid-stream and
 * a stream that ends before {@code message_stop}.
 */
public interface AnthropicMessages {

    /** {@code beta} is the caller's {@code anthropic-beta} header (null when none), forwarded as it is. */
    MessagesResponse complete(UpstreamTarget target, ObjectNode request, String beta);

    /**
     * Relays every event before {@code message_stop} to the listener, as it arrives; returns the data of the
     * {@code message_stop} event, which the caller sends once it has settled the call.
     */
    String stream(UpstreamTarget target, ObjectNode request, String beta, MessagesStreamListener listener);

    /** {@code POST /v1/messages/count_tokens}: the upstream's answer ({@code {"input_tokens": n}}), untranslated. */
    byte[] countTokens(UpstreamTarget target, ObjectNode request, String beta);
}
