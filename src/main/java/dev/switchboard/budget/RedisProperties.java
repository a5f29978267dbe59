package dev.switchboard.budget;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.redis.*}: {@code SWITCHBOARD_REDIS_URL} ({@code redis://host:6379}) shares budgets' counters, rate
 * limits and cache invalidation between instances; {@code prefix} starts every key and channel (several deployments,
 * or tests, may share one Redis); {@code timeout} is how long a command may take before Redis counts as gone.
 */
@ConfigurationProperties("switchboard.redis")
public record RedisProperties(String url, String prefix, Duration timeout) {

    public RedisProperties {
        url = url == null || url.isBlank() ? null : url.trim();
        prefix = prefix == null ? "switchboard:" : prefix;
        timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
    }
}
