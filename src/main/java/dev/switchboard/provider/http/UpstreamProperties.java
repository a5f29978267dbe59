package dev.switchboard.provider.http;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code switchboard.upstream.*}: how long to wait for a provider to accept a connection, and to answer; and the largest
 * whole answer read from one ({@code max-response-bytes}, 64 MB by default: room for several base64 images, while a
 * runaway or hostile upstream, which any {@code X-BYOK-Base-URL} can name, cannot exhaust the heap).
 */
@ConfigurationProperties("switchboard.upstream")
public record UpstreamProperties(Duration connectTimeout, Duration requestTimeout, DataSize maxResponseBytes) {

    public UpstreamProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofMinutes(10) : requestTimeout;
        maxResponseBytes = maxResponseBytes == null ? DataSize.ofMegabytes(64) : maxResponseBytes;
    }
}
