package dev.switchboard.metering;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.switchboard.money.Money;
import dev.switchboard.provider.Usage;

/**
 * One call that reached a provider, whatever its {@link Outcome}: what was asked and by whom, who served it, and what
 * came of it. Built in one place, the gateway's pipeline.
 */
public record UsageRecord(String id, long createdAtMillis, Call call, ServedBy servedBy, Result result, Template template) {

    public UsageRecord {
        if (!result.outcome().recorded()) {
            throw new IllegalArgumentException("a call that was not sent has no usage record");
        }
    }

    /**
     * A new record's id: a version 7 UUID (RFC 9562), the millisecond first and 74 random bits after it. Time-ordered, so
     * each insert lands at the end of the primary key's index instead of on a random page of it, and made from the
     * thread's own generator: an id is not a secret, and {@code UUID.randomUUID()} serialises every request on the one
     * {@code SecureRandom}.
     */
    public static String newId() {
        return newId(System.currentTimeMillis());
    }

    static String newId(long epochMillis) {
        var random = ThreadLocalRandom.current();
        var high = (epochMillis << 16) | 0x7000L | (random.nextInt() & 0x0fffL);
        var low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** A call that was not rendered from a prompt template. */
    public UsageRecord(String id, long createdAtMillis, Call call, ServedBy servedBy, Result result) {
        this(id, createdAtMillis, call, servedBy, result, null);
    }

    /** The prompt template and version a call was rendered from. */
    public record Template(String id, int version) {
    }

    /**
     * What was asked: the caller's request id ({@code x-request-id}), the endpoint ({@code chat.completions},
     * {@code messages}, …), whether it streamed, the user and the gateway key it came with (null for an access token),
     * and the API client it came from (null for a user's call).
     */
    public record Call(String requestId, String endpoint, boolean streamed, String userId, String gatewayKeyId, String clientId) {
    }

    /** Who served it: the provider, the model as the caller named it and as the provider knows it, the credential. */
    public record ServedBy(String providerId, String model, String upstreamModel, String credentialKind, String credentialId) {
    }

    /**
     * What came of it: the outcome, the status the client was given, the error's type, tokens, cost, latency, and the
     * credits it debited from its user (member mode on managed keys: the cost times the provider's credit multiplier).
     */
    public record Result(Outcome outcome, int httpStatus, String errorType, Usage usage, Money cost, long latencyMillis, Money credits) {

        public Result {
            credits = credits == null ? Money.ZERO : credits;
        }

        /** A result that debited no credits. */
        public Result(Outcome outcome, int httpStatus, String errorType, Usage usage, Money cost, long latencyMillis) {
            this(outcome, httpStatus, errorType, usage, cost, latencyMillis, Money.ZERO);
        }
    }
}
