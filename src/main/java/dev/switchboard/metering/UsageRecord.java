package dev.switchboard.metering;

import dev.switchboard.money.Money;
import dev.switchboard.provider.Usage;

/**
 * One request that reached a provider, whatever its outcome. {@code status} is {@code ok}, {@code error},
 * {@code cancelled} (the client went away) or {@code partial} (the stream broke after it began).
 */
public record UsageRecord(String id, long createdAtMillis, String endpoint, String userId, String gatewayKeyId,
                          String providerId, String model, String upstreamModel, String credentialKind,
                          String credentialId, String status, int httpStatus, boolean streamed, Usage usage, Money cost,
                          long latencyMillis, String errorType) {
}
