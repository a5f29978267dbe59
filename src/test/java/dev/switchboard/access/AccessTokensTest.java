package dev.switchboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Access tokens verify only with the key that signed them, and only until they expire. */
class AccessTokensTest {

    private static final TokenSigningKey KEY = () -> filled((byte) 7);
    private static final TokenSigningKey OTHER_KEY = () -> filled((byte) 8);

    private static byte[] filled(byte value) {
        var key = new byte[32];
        Arrays.fill(key, value);
        return key;
    }

    @Test
    void shouldVerifyATokenItIssuedAndNameItsUser() {
        var tokens = new AccessTokens(KEY, AuthSettings.defaults());

        var token = tokens.issue("user-1");

        assertThat(AccessTokens.looksLikeJwt(token)).isTrue();
        assertThat(tokens.verify(token)).map(AccessTokens.Verified::userId).contains("user-1");
        assertThat(tokens.ttl()).hasHours(8);
    }

    @Test
    void shouldRefuseATokenSignedWithAnotherKey() {
        var token = new AccessTokens(OTHER_KEY, AuthSettings.defaults()).issue("user-1");

        assertThat(new AccessTokens(KEY, AuthSettings.defaults()).verify(token)).isEmpty();
    }

    @Test
    void shouldRefuseAnExpiredToken() {
        var expired = new AccessTokens(KEY, new AuthSettings(java.time.Duration.ofMinutes(-5), null, null, null)).issue("user-1");

        assertThat(new AccessTokens(KEY, AuthSettings.defaults()).verify(expired)).isEmpty();
    }

    @Test
    void shouldRefuseGarbage() {
        var tokens = new AccessTokens(KEY, AuthSettings.defaults());

        assertThat(tokens.verify("eyJhbGciOiJIUzI1NiJ9.e30.xxxx")).isEmpty();
        assertThat(tokens.verify("not a token")).isEmpty();
    }

    @Test
    void shouldStopATokenTheMomentItExpiresWithoutClockSkew() throws Exception {
        var tokens = new AccessTokens(KEY, new AuthSettings(java.time.Duration.ofSeconds(2), null, null, null));
        var token = tokens.issue("user-1");
        assertThat(tokens.verify(token)).isPresent();

        Thread.sleep(3_100);

        assertThat(tokens.verify(token)).isEmpty();
    }
}
