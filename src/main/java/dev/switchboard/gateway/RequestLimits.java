package dev.switchboard.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code switchboard.max-request-bytes} ({@code SWITCHBOARD_MAX_REQUEST_BYTES}): the largest request body accepted, 32 MB
 * by default, room for a chat request carrying a few base64 images (OpenAI accepts up to 20 MB per image) while one body
 * can never exhaust the heap.
 */
@ConfigurationProperties("switchboard")
record RequestLimits(DataSize maxRequestBytes) {

    RequestLimits {
        maxRequestBytes = maxRequestBytes == null ? DataSize.ofMegabytes(32) : maxRequestBytes;
    }
}
