package dev.switchboard.access;

/**
 * An authenticated caller: the user it acts for, the role it holds for this call, the gateway key it presented (null
 * when it came with an access token), the user's {@link LlmMode}, and the per-request BYOK headers it sent
 * ({@link ByokHeader#NONE} when it sent none).
 */
public record Caller(String userId, String email, Role role, String gatewayKeyId, LlmMode llmMode, ByokHeader byok) {

    public Caller {
        llmMode = llmMode == null ? LlmMode.MEMBER : llmMode;
        byok = byok == null ? ByokHeader.NONE : byok;
    }

    /** A member-mode caller without BYOK headers. */
    public Caller(String userId, String email, Role role, String gatewayKeyId) {
        this(userId, email, role, gatewayKeyId, LlmMode.MEMBER, ByokHeader.NONE);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** The same caller carrying the BYOK headers of the current request. */
    public Caller withByok(ByokHeader header) {
        return new Caller(userId, email, role, gatewayKeyId, llmMode, header);
    }
}
