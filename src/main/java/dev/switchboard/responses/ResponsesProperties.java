package dev.switchboard.responses;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code switchboard.responses.*} ({@code SWITCHBOARD_RESPONSES_RETENTION}): how long a stored response is kept (30 days). */
@ConfigurationProperties("switchboard.responses")
public record ResponsesProperties(Duration retention) {

    public ResponsesProperties {
        retention = retention == null ? Duration.ofDays(30) : retention;
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("switchboard.responses.retention must be positive, not " + retention);
        }
    }
}
