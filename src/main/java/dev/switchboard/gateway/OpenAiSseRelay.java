package dev.switchboard.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import dev.switchboard.provider.ChatStreamListener;
import dev.switchboard.provider.Usage;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Relays a chat stream to an OpenAI client as server-sent events, chunk for chunk, flushing each. The response is
 * committed at the first chunk, so a failure before it can still be answered as a plain JSON error. The usage-only
 * chunk reaches the client only if it asked for it ({@code stream_options.include_usage}).
 */
final class OpenAiSseRelay implements ChatStreamListener {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpServletResponse response;
    private final boolean forwardUsageChunk;
    private OutputStream out;
    private Usage usage = Usage.NONE;

    OpenAiSseRelay(HttpServletResponse response, boolean forwardUsageChunk) {
        this.response = response;
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
    public void onUsageChunk(String chunkJson) {
        if (forwardUsageChunk) {
            send(chunkJson);
        }
    }

    Usage usage() {
        return usage;
    }

    boolean started() {
        return out != null;
    }

    void done() {
        send("[DONE]");
    }

    void send(String data) {
        try {
            if (out == null) {
                response.setStatus(200);
                response.setContentType("text/event-stream;charset=UTF-8");
                response.setHeader("Cache-Control", "no-cache");
                response.setHeader("X-Accel-Buffering", "no");
                out = response.getOutputStream();
            }
            out.write(DATA);
            out.write(data.getBytes(StandardCharsets.UTF_8));
            out.write(END_OF_EVENT);
            out.flush();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /** The client closed the connection while we were writing to it. */
    static final class ClientGone extends UncheckedIOException {
        ClientGone(IOException cause) {
            super("the client closed the connection", cause);
        }
    }
}
