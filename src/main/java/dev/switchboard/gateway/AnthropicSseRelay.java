package dev.switchboard.gateway;

import dev.switchboard.provider.Usage;
import jakarta.servlet.http.HttpServletResponse;

/** Writes an Anthropic event stream to the client as Anthropic frames it, each event named ({@link SseWriter}). */
final class AnthropicSseRelay implements MessagesStreamSink {

    private final SseWriter writer;

    AnthropicSseRelay(HttpServletResponse response) {
        this.writer = new SseWriter(response);
    }

    @Override
    public void onEvent(String event, String data) {
        writer.write(event, data);
    }

    @Override
    public void onUsage(Usage usage) {
        // the pipeline keeps the usage; Anthropic clients read it from message_start and message_delta
    }

    @Override
    public void onPause() {
        writer.flush();
    }

    @Override
    public void servedBy(String model, int attempt) {
        writer.servedBy(model, attempt);
    }

    @Override
    public boolean started() {
        return writer.started();
    }

    @Override
    public void stop(String messageStopData) {
        writer.write("message_stop", messageStopData);
    }

    @Override
    public void failMidway(CallFailure failure) {
        writer.write("error", AnthropicErrors.errorEvent(failure));
    }
}
