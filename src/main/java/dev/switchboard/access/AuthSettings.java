package dev.switchboard.access;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.auth.*} ({@code SWITCHBOARD_AUTH_TOKEN_TTL}, {@code SWITCHBOARD_AUTH_LOGIN_FAILURES_PER_ACCOUNT},
 * {@code …_PER_ADDRESS}, {@code …_WINDOW}): how long access tokens live, and how many failed sign-ins an account and a
 * client address may have within the window before they are refused for a while.
 */
@ConfigurationProperties("switchboard.auth")
public record AuthSettings(Duration tokenTtl, Long loginFailuresPerAccount, Long loginFailuresPerAddress, Duration loginFailureWindow) {

    public AuthSettings {
        tokenTtl = tokenTtl == null ? Duration.ofHours(8) : tokenTtl;
        loginFailuresPerAccount = loginFailuresPerAccount == null ? 5L : loginFailuresPerAccount;
        loginFailuresPerAddress = loginFailuresPerAddress == null ? 20L : loginFailuresPerAddress;
        loginFailureWindow = loginFailureWindow == null ? Duration.ofMinutes(15) : loginFailureWindow;
    }

    /** The defaults. */
    public static AuthSettings defaults() {
        return new AuthSettings(null, null, null, null);
    }
}
