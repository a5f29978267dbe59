package dev.switchboard.gateway;

import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Where a front end hands its call: straight to the pipeline, or, when it names a conversation, to the feature that
 * keeps conversations ({@link ConversationCalls}), which goes through the same pipeline.
 */
@Component
class CallServing {

    private final Inference inference;
    private final Optional<ConversationCalls> conversations;

    CallServing(Inference inference, Optional<ConversationCalls> conversations) {
        this.inference = inference;
        this.conversations = conversations;
    }

    void serve(CallRequest call, String conversationId, Sink sink) {
        if (conversationId == null) {
            inference.execute(call, sink);
            return;
        }
        conversations.orElseThrow(() -> Refusal.invalid("conversation_id", "unsupported_parameter",
                "Conversations are not served by this gateway.")).serve(conversationId, call, sink);
    }
}
