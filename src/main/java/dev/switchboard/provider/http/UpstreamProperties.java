package dev.switchboard.provider.http;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code switchboard.upstream.*}: how long to wait for a provider to accept a connection, to begin its answer
 * ({@code first-byte-timeout}, {@code SWITCHBOARD_UPSTREAM_FIRST_BYTE_TIMEOUT}), between two chunks of a stream
 * ({@code stream-idle-timeout}, {@code SWITCHBOARD_UPSTREAM_STREAM_IDLE_TIMEOUT}), and for a read at all
 * ({@code request-timeout}); routing overrides the first three per provider and model; and the largest
 * whole answer read from one ({@code max-response-bytes}, 64 MB by default: room for several base64 images, while a
 * runaway or hostile upstream, which any {@code X-BYOK-Base-URL} can name, cannot exhaust the heap).
 */
@ConfigurationProperties("switchboard.upstream")
public record UpstreamProperties(Duration connectTimeout, Duration requestTimeout, DataSize maxResponseBytes, Duration firstByteTimeout,
                                 Duration streamIdleTimeout) {

    public UpstreamProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofMinutes(10) : requestTimeout;
        maxResponseBytes = maxResponseBytes == null ? DataSize.ofMegabytes(64) : maxResponseBytes;
        firstByteTimeout = firstByteTimeout == null ? Duration.ofSeconds(120) : firstByteTimeout;
        streamIdleTimeout = streamIdleTimeout == null ? Duration.ofSeconds(120) : streamIdleTimeout;
    }
}
