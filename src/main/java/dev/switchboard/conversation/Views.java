package dev.switchboard.conversation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;

/** The JSON shapes of the conversation routes. A message's content is written out exactly as it was stored. */
final class Views {

    private Views() {
    }

    record ConversationView(String id, String title, String model, String system, @JsonProperty("created_at") String createdAt,
                            @JsonProperty("updated_at") String updatedAt, @JsonProperty("message_count") long messageCount,
                            @JsonProperty("input_tokens") long inputTokens, @JsonProperty("output_tokens") long outputTokens,
                            @JsonProperty("total_tokens") long totalTokens, @JsonProperty("cost_usd") BigDecimal costUsd) {
        static ConversationView of(Conversation c) {
            var t = c.totals();
            return new ConversationView(c.id(), c.title(), c.model(), c.system(), instant(c.createdAtMillis()), instant(c.updatedAtMillis()),
                    t.messages(), t.inputTokens(), t.outputTokens(), t.inputTokens() + t.outputTokens(), t.cost().toUsd());
        }
    }

    record ConversationPage(List<ConversationView> data, @JsonProperty("next_cursor") String nextCursor) {
    }

    record MessageView(String id, String role, @JsonRawValue String content, String format, String model,
                       @JsonProperty("input_tokens") long inputTokens, @JsonProperty("output_tokens") long outputTokens,
                       @JsonProperty("cost_usd") BigDecimal costUsd, @JsonProperty("created_at") String createdAt, String status,
                       @JsonProperty("usage_record_id") String usageRecordId) {
        static MessageView of(StoredMessage m) {
            return new MessageView(m.id(), m.role(), m.content(), m.format().name().toLowerCase(Locale.ROOT), m.model(), m.inputTokens(),
                    m.outputTokens(), m.cost().toUsd(), instant(m.createdAtMillis()), m.status().wire(), m.usageRecordId());
        }
    }

    record MessageList(List<MessageView> data) {
        static MessageList of(List<StoredMessage> messages) {
            return new MessageList(messages.stream().map(MessageView::of).toList());
        }
    }

    /** A turn sent through {@code POST /api/conversations/{id}/messages}: the question and the answer, as stored. */
    record TurnView(@JsonProperty("user_message") MessageView userMessage, @JsonProperty("assistant_message") MessageView assistantMessage) {
    }

    private static String instant(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
