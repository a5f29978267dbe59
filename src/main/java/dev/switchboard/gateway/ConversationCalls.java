package dev.switchboard.gateway;

/**
 * Serves an inference call that names a conversation ({@code conversation_id} in the body or the
 * {@code x-switchboard-conversation} header on {@code /v1/chat/completions} and {@code /v1/messages}). Declared here and
 * implemented by the conversation feature, so that the arrow points from conversation to gateway and never back: the
 * implementation adds the conversation's history, calls {@link Inference#execute} and keeps the turns.
 */
public interface ConversationCalls {

    /** The header that names a conversation when the body does not. */
    String HEADER = "x-switchboard-conversation";

    /**
     * Serves {@code call} as the next turns of the caller's conversation {@code conversationId}; a conversation that is
     * not the caller's is refused as not found (404), whether or not it exists.
     */
    void serve(String conversationId, CallRequest call, Sink sink);
}
