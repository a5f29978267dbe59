package dev.switchboard.provider;

import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's Responses dialect over the canonical (OpenAI chat) format, for callers that speak Responses to a model served
 * by any wire format without it. Requests that cannot be expressed canonically (a built-in tool such as
 * {@code web_search}, an {@code item_reference}) throw {@link ProviderException#notSent}.
 */
public interface ResponsesTranslation {

    /** A Responses request as a canonical chat completion request; {@code model} is left as the caller wrote it. */
    ObjectNode toChatRequest(ObjectNode responsesRequest);

    /** A {@code chat.completion} as a {@code response} object, echoing the request's settings and naming its model. */
    ResponsesReply toResponse(byte[] chatCompletion, ObjectNode responsesRequest, Usage usage);

    /** A listener for a canonical stream that writes the Responses events to {@code sink} as the chunks arrive. */
    ResponsesStream toResponsesStream(ObjectNode responsesRequest, ResponsesStreamListener sink);

    /** Translates a canonical stream into Responses events; {@link #finish} closes the open items. */
    interface ResponsesStream extends ChatStreamListener {

        /**
         * Closes the open output items and returns the terminal event ({@code response.completed}, or
         * {@code response.incomplete} when the answer was cut short), for the caller to send once it has settled.
         */
        ResponsesReply finish();
    }
}
