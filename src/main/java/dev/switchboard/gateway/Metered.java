package dev.switchboard.gateway;

import dev.switchboard.money.Money;

/**
 * What one attempt that reached a provider was recorded as, told to its {@link Sink}: the usage record's id, the model
 * that served it (as callers name it), its tokens and cost, and whether the answer was whole ({@code false}: it broke,
 * failed or the client left). A feature that keeps answers (a conversation's turns) links them to the record this way.
 */
public record Metered(String usageRecordId, String model, long inputTokens, long outputTokens, Money cost, boolean complete) {
}
