package dev.switchboard.access;

/**
 * An authenticated caller: the user it acts for (null for an {@link ApiClients API client}), the role it holds for this
 * call, the gateway key it presented (null when it came with an access token or a client key), the user's
 * {@link LlmMode}, the per-request BYOK headers it sent ({@link ByokHeader#NONE} when it sent none), the API client it is
 * (null for a user), the {@link Limits} of the key or client it presented and the user's {@link Subscription}.
 */
public record Caller(String userId, String email, Role role, String gatewayKeyId, LlmMode llmMode, ByokHeader byok,
                     String clientId, Limits limits, Subscription subscription) {

    public Caller {
        llmMode = llmMode == null ? LlmMode.MEMBER : llmMode;
        byok = byok == null ? ByokHeader.NONE : byok;
        limits = limits == null ? Limits.NONE : limits;
        subscription = subscription == null ? Subscription.NONE : subscription;
    }

    /** A user's caller without limits of its own. */
    public Caller(String userId, String email, Role role, String gatewayKeyId, LlmMode llmMode, ByokHeader byok) {
        this(userId, email, role, gatewayKeyId, llmMode, byok, null, Limits.NONE, Subscription.NONE);
    }

    /** A member-mode caller without BYOK headers. */
    public Caller(String userId, String email, Role role, String gatewayKeyId) {
        this(userId, email, role, gatewayKeyId, LlmMode.MEMBER, ByokHeader.NONE);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Whether an API client calls, not a user. */
    public boolean isClient() {
        return clientId != null;
    }

    /** The same caller carrying the BYOK headers of the current request. */
    public Caller withByok(ByokHeader header) {
        return new Caller(userId, email, role, gatewayKeyId, llmMode, header, clientId, limits, subscription);
    }

    Caller withLimits(Limits newLimits) {
        return new Caller(userId, email, role, gatewayKeyId, llmMode, byok, clientId, newLimits, subscription);
    }
}
