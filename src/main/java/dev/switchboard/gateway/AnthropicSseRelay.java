package dev.switchboard.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import dev.switchboard.provider.MessagesStreamListener;
import dev.switchboard.provider.Usage;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes an Anthropic event stream to the client as Anthropic frames it ({@code event: name}, {@code data: json}, a
 * blank line), flushing each event. The response is committed at the first event, so a failure before it can still be
 * answered as a plain JSON error.
 */
final class AnthropicSseRelay implements MessagesStreamListener {

    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpServletResponse response;
    private OutputStream out;
    private Usage usage = Usage.NONE;

    AnthropicSseRelay(HttpServletResponse response) {
        this.response = response;
    }

    @Override
    public void onEvent(String event, String data) {
        try {
            if (out == null) {
                response.setStatus(200);
                response.setContentType("text/event-stream;charset=UTF-8");
                response.setHeader("Cache-Control", "no-cache");
                response.setHeader("X-Accel-Buffering", "no");
                out = response.getOutputStream();
            }
            out.write(EVENT);
            out.write(event.getBytes(StandardCharsets.UTF_8));
            out.write(DATA);
            out.write(data.getBytes(StandardCharsets.UTF_8));
            out.write(END_OF_EVENT);
            out.flush();
        } catch (IOException e) {
            throw new OpenAiSseRelay.ClientGone(e);
        }
    }

    @Override
    public void onUsage(Usage usage) {
        this.usage = usage;
    }

    Usage usage() {
        return usage;
    }

    boolean started() {
        return out != null;
    }
}
