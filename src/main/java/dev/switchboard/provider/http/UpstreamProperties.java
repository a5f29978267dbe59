package dev.switchboard.provider.http;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code switchboard.upstream.*}: how long to wait for a provider to accept a connection, and to answer. */
@ConfigurationProperties("switchboard.upstream")
public record UpstreamProperties(Duration connectTimeout, Duration requestTimeout) {

    public UpstreamProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofMinutes(10) : requestTimeout;
    }
}
