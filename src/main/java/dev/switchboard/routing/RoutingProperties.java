package dev.switchboard.routing;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.routing.*}: retries ({@code max-retries} per model unless the model says otherwise; backoff with
 * full jitter from {@code backoff-base} doubling up to {@code backoff-max}; a provider's {@code retry-after} honoured up
 * to {@code retry-after-cap}, beyond which the call falls back at once), the overall {@code deadline} of a call, the
 * cooldown of a deployment ({@code cooldown-failures} within {@code cooldown-window} take it out of rotation for
 * {@code cooldown-duration}), and per-provider timeouts ({@code timeouts.<provider>.*}) over the upstream defaults.
 */
@ConfigurationProperties("switchboard.routing")
public record RoutingProperties(Integer maxRetries, Duration backoffBase, Duration backoffMax, Duration retryAfterCap, Duration deadline,
                                Integer cooldownFailures, Duration cooldownWindow, Duration cooldownDuration,
                                Map<String, ProviderTimeouts> timeouts) {

    public RoutingProperties {
        maxRetries = maxRetries == null ? 2 : maxRetries;
        backoffBase = backoffBase == null ? Duration.ofMillis(200) : backoffBase;
        backoffMax = backoffMax == null ? Duration.ofSeconds(8) : backoffMax;
        retryAfterCap = retryAfterCap == null ? Duration.ofSeconds(20) : retryAfterCap;
        deadline = deadline == null ? Duration.ofMinutes(10) : deadline;
        cooldownFailures = cooldownFailures == null ? 3 : cooldownFailures;
        cooldownWindow = cooldownWindow == null ? Duration.ofSeconds(60) : cooldownWindow;
        cooldownDuration = cooldownDuration == null ? Duration.ofSeconds(30) : cooldownDuration;
        timeouts = timeouts == null ? Map.of() : Map.copyOf(timeouts);
    }

    /** One provider's timeouts; each null: the upstream default ({@code switchboard.upstream.*}). */
    public record ProviderTimeouts(Duration connect, Duration firstByte, Duration streamIdle, Duration deadline) {
    }
}
