package dev.switchboard.conversation;

import dev.switchboard.gateway.CallFailure;
import dev.switchboard.gateway.ChatStreamSink;
import dev.switchboard.gateway.ClientGone;
import dev.switchboard.gateway.SseWriter;
import dev.switchboard.provider.Usage;
import tools.jackson.databind.json.JsonMapper;

/**
 * A conversation's answer as server-sent events, piece by piece as the model writes it: {@code event: delta} with
 * {@code {"content": "…"}} for each piece, {@code event: error} with {@code {"error": {"code", "message"}}} if the stream
 * breaks, and, once the turn is stored, {@code event: message} with the stored answer (tokens, cost, status).
 */
final class ConversationStream implements ChatStreamSink {

    private final SseWriter writer;
    private final JsonMapper json;

    ConversationStream(SseWriter writer, JsonMapper json) {
        this.writer = writer;
        this.json = json;
    }

    @Override
    public void onChunk(String chunkJson) {
        var piece = Answer.chatDelta(json, chunkJson);
        if (!piece.isEmpty()) {
            writer.write("delta", json.createObjectNode().put("content", piece).toString());
        }
    }

    @Override
    public void onUsage(Usage usage) {
        // the pipeline records it; the stored message carries it
    }

    @Override
    public void onUsageChunk(String chunkJson) {
        // likewise
    }

    @Override
    public void onPause() {
        writer.flush();
    }

    @Override
    public void done() {
        writer.flush();
    }

    @Override
    public boolean started() {
        return writer.started();
    }

    @Override
    public void failMidway(CallFailure failure) {
        var event = json.createObjectNode();
        event.putObject("error").put("code", failure.reason()).put("message", failure.message());
        writer.write("error", event.toString());
    }

    /** The stored answer, last; a client that has left is not written to. */
    void stored(Object message) {
        try {
            writer.write("message", json.writeValueAsString(message));
            writer.flush();
        } catch (ClientGone ignored) {
            // the turn is stored; there is no one to tell
        }
    }
}
