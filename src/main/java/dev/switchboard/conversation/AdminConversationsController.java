package dev.switchboard.conversation;

import dev.switchboard.access.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import dev.switchboard.gateway.RefusalProblems;
import org.springframework.web.bind.annotation.RestController;

/**
 * An admin reading someone's conversation: the only way to see another user's messages, and every read is written to
 * the audit log (who read which conversation of whom). The {@code /api/admin/**} guard admits admins only.
 */
@RestController
@RefusalProblems.Served
class AdminConversationsController {

    private static final Logger audit = LoggerFactory.getLogger("dev.switchboard.audit");

    private final Conversations conversations;

    AdminConversationsController(Conversations conversations) {
        this.conversations = conversations;
    }

    @GetMapping("/api/admin/conversations/{id}")
    Views.ConversationView get(Caller caller, @PathVariable String id) {
        return Views.ConversationView.of(read(caller, id, "conversation"));
    }

    @GetMapping("/api/admin/conversations/{id}/messages")
    Views.MessageList messages(Caller caller, @PathVariable String id) {
        return Views.MessageList.of(conversations.messages(read(caller, id, "messages").id()));
    }

    private Conversation read(Caller caller, String id, String what) {
        var conversation = conversations.find(id).orElseThrow(() -> Turns.notFound(id));
        audit.info("Admin {} read the {} of conversation {} owned by user {}", caller.userId(), what, id, conversation.userId());
        return conversation;
    }
}
