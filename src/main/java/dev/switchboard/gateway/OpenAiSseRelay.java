package dev.switchboard.gateway;

import dev.switchboard.provider.ChatStreamListener;
import dev.switchboard.provider.Usage;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Relays a chat stream to an OpenAI client as server-sent events, chunk for chunk ({@link SseWriter}). The usage-only
 * chunk reaches the client only if it asked for it ({@code stream_options.include_usage}).
 */
final class OpenAiSseRelay implements ChatStreamListener {

    private final SseWriter writer;
    private final boolean forwardUsageChunk;
    private Usage usage = Usage.NONE;

    OpenAiSseRelay(HttpServletResponse response, boolean forwardUsageChunk) {
        this.writer = new SseWriter(response);
        this.forwardUsageChunk = forwardUsageChunk;
    }

    @Override
    public void onChunk(String chunkJson) {
        send(chunkJson);
    }

    @Override
    public void onUsage(Usage usage) {
        this.usage = usage;
    }

    @Override
    public void onPause() {
        writer.flush();
    }

    @Override
    public void onUsageChunk(String chunkJson) {
        if (forwardUsageChunk) {
            send(chunkJson);
        }
    }

    Usage usage() {
        return usage;
    }

    boolean started() {
        return writer.started();
    }

    void done() {
        send("[DONE]");
    }

    void send(String data) {
        writer.write(null, data);
    }
}
