package dev.switchboard.conversation;

import dev.switchboard.gateway.Dialect;
import dev.switchboard.money.Money;

/**
 * A message as kept: its content as the JSON text it was sent or answered with (a string or an array of content parts),
 * in the dialect it was written in; an answer also names the model that gave it, its call's tokens and cost, and the
 * usage record of that call. A question's {@code inputTokens} is its own size; it has no cost of its own.
 */
record StoredMessage(String id, long seq, String role, String content, Dialect format, String model, long inputTokens,
                     long outputTokens, Money cost, String usageRecordId, Status status, long createdAtMillis) {

    /** Whether the message is whole, or what arrived of an answer that was cut or that its client left. */
    enum Status {
        COMPLETE, PARTIAL;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
