package dev.switchboard.gateway;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import dev.switchboard.provider.ResponsesReply;
import dev.switchboard.provider.Usage;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Writes a Responses event stream to the client as OpenAI frames it: each event named by its type. The terminal event
 * is handed to {@code beforeTerminal} (which stores the response) before it is written, so that a client that read
 * {@code response.completed} can continue from it at once. A failure midway ends the stream with an {@code error}
 * event numbered after the last one sent.
 */
final class ResponsesSseRelay implements ResponsesStreamSink {

    private final SseWriter writer;
    private final Consumer<byte[]> beforeTerminal;
    private int sent;

    ResponsesSseRelay(HttpServletResponse response, Consumer<byte[]> beforeTerminal) {
        this.writer = new SseWriter(response);
        this.beforeTerminal = beforeTerminal;
    }

    @Override
    public void onEvent(String event, String data) {
        writer.write(event, data);
        sent++;
    }

    @Override
    public void onUsage(Usage usage) {
        // the pipeline keeps the usage; Responses clients read it from the terminal event
    }

    @Override
    public void onPause() {
        writer.flush();
    }

    @Override
    public boolean started() {
        return writer.started();
    }

    @Override
    public void complete(ResponsesReply terminal) {
        beforeTerminal.accept(terminal.body());
        writer.write(terminal.event(), new String(terminal.body(), StandardCharsets.UTF_8));
    }

    @Override
    public void failMidway(CallFailure failure) {
        var error = JsonNodeFactory.instance.objectNode().put("type", "error").put("code", failure.reason())
                .put("message", failure.message()).putNull("param").put("sequence_number", sent);
        writer.write("error", error.toString());
    }
}
