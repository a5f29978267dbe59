package dev.switchboard.access;

/**
 * An authenticated caller: the user it acts for, the role it holds for this call, and the gateway key it
 * presented (null when it came with a console session or token).
 */
public record Caller(String userId, String email, Role role, String gatewayKeyId) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
