package dev.switchboard.conversation;

import dev.switchboard.money.Money;

/**
 * One user's conversation: the model it talks to, its title (null until the first message gives it one) and system
 * prompt (null for none), and its totals over the answers it holds.
 */
record Conversation(String id, String userId, String title, String model, String system, long createdAtMillis,
                    long updatedAtMillis, Totals totals) {

    /** The messages, and the tokens and cost of the answers (each answer carries its whole call's usage). */
    record Totals(long messages, long inputTokens, long outputTokens, Money cost) {
    }
}
