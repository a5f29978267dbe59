package dev.switchboard.gateway;

import dev.switchboard.provider.MessagesStreamListener;
import dev.switchboard.provider.Usage;
import jakarta.servlet.http.HttpServletResponse;

/** Writes an Anthropic event stream to the client as Anthropic frames it, each event named ({@link SseWriter}). */
final class AnthropicSseRelay implements MessagesStreamListener {

    private final SseWriter writer;
    private Usage usage = Usage.NONE;

    AnthropicSseRelay(HttpServletResponse response) {
        this.writer = new SseWriter(response);
    }

    @Override
    public void onEvent(String event, String data) {
        writer.write(event, data);
    }

    @Override
    public void onUsage(Usage usage) {
        this.usage = usage;
    }

    @Override
    public void onPause() {
        writer.flush();
    }

    Usage usage() {
        return usage;
    }

    boolean started() {
        return writer.started();
    }
}
