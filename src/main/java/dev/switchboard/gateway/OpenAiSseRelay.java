package dev.switchboard.gateway;

import dev.switchboard.provider.Usage;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Relays a chat stream to an OpenAI client as server-sent events, chunk for chunk ({@link SseWriter}). The gateway
 * always asks the upstream for usage; a client that did not ask ({@code stream_options.include_usage}) sees neither the
 * usage-only chunk nor the {@code "usage":null} that the upstream then adds to every other chunk.
 */
final class OpenAiSseRelay implements ChatStreamSink {

    private final SseWriter writer;
    private final boolean forwardUsageChunk;

    OpenAiSseRelay(HttpServletResponse response, boolean forwardUsageChunk) {
        this.writer = new SseWriter(response);
        this.forwardUsageChunk = forwardUsageChunk;
    }

    @Override
    public void onChunk(String chunkJson) {
        send(forwardUsageChunk ? chunkJson : withoutNullUsage(chunkJson));
    }

    /**
     * Removes a top-level {@code "usage":null} member without parsing: inside a JSON string every quote is escaped, so
     * {@code ,"usage":null} (a comma, then an unescaped quote) can only be a member.
     */
    static String withoutNullUsage(String chunkJson) {
        var at = chunkJson.indexOf(",\"usage\":null");
        if (at >= 0) {
            return chunkJson.substring(0, at) + chunkJson.substring(at + 13);
        }
        at = chunkJson.indexOf(", \"usage\": null");
        return at < 0 ? chunkJson : chunkJson.substring(0, at) + chunkJson.substring(at + 15);
    }

    @Override
    public void onUsage(Usage usage) {
        // the pipeline keeps the usage; OpenAI clients read it from the usage chunk
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

    @Override
    public void servedBy(String model, int attempt) {
        writer.servedBy(model, attempt);
    }

    @Override
    public boolean started() {
        return writer.started();
    }

    @Override
    public void done() {
        send("[DONE]");
    }

    @Override
    public void failMidway(CallFailure failure) {
        send(new String(OpenAiErrors.body(failure), java.nio.charset.StandardCharsets.UTF_8));
    }

    private void send(String data) {
        writer.write(null, data);
    }
}
