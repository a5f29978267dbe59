package dev.switchboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Failed logins are counted per account and per client address, each with its own limit. */
class LoginThrottleTest {

    @Test
    void shouldBlockAnAddressThatFailsOnManyAccounts() {
        var throttle = new LoginThrottle(100, 3, Duration.ofMinutes(15));
        for (var i = 0; i < 3; i++) {
            assertThat(throttle.blocked("a" + i + "@x.test", "203.0.113.9")).isEmpty();
            throttle.failed("a" + i + "@x.test", "203.0.113.9");
        }

        assertThat(throttle.blocked("fresh@x.test", "203.0.113.9")).isPresent();
        assertThat(throttle.blocked("fresh@x.test", "198.51.100.1")).isEmpty();
    }

    @Test
    void shouldBlockAnAccountFromEveryAddressAndSayHowLongToWait() {
        var throttle = new LoginThrottle(2, 100, Duration.ofMinutes(10));
        throttle.failed("victim@x.test", "198.51.100.1");
        throttle.failed("victim@x.test", "198.51.100.2");

        var blocked = throttle.blocked("victim@x.test", "198.51.100.3");

        assertThat(blocked).isPresent();
        assertThat(blocked.getAsLong()).isBetween(1L, 601L);
        assertThat(throttle.blocked("other@x.test", "198.51.100.3")).isEmpty();
    }
}
