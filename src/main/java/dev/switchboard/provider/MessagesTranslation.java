package dev.switchboard.provider;

import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's Messages dialect over the canonical (OpenAI chat) format, for callers that speak Anthropic to a model
 * served by any other wire format. Requests that cannot be expressed canonically throw
 * {@link ProviderException#notSent}.
 */
public interface MessagesTranslation {

    /** A Messages request as a canonical chat completion request; {@code model} is left as the caller wrote it. */
    ObjectNode toChatRequest(ObjectNode messagesRequest);

    /**
     * The same, for a provider of {@code format}: settings that only some providers take ({@code thinking} as
     * {@code reasoning_effort}, for Gemini) are carried over where they are taken and dropped elsewhere.
     */
    default ObjectNode toChatRequest(ObjectNode messagesRequest, WireFormat format) {
        return toChatRequest(messagesRequest);
    }

    /** A {@code chat.completion} as an Anthropic {@code message} object naming {@code model}. */
    byte[] toMessage(byte[] chatCompletion, String model);

    /** A listener for a canonical stream that writes Anthropic's events to {@code sink} as the chunks arrive. */
    MessagesStream toMessagesStream(String model, MessagesStreamListener sink);

    /** Translates a canonical stream into Anthropic events; {@link #finish()} ends all but {@code message_stop}. */
    interface MessagesStream extends ChatStreamListener {

        /** Closes the open content block and sends {@code message_delta} with the stop reason and final usage. */
        void finish();
    }
}
