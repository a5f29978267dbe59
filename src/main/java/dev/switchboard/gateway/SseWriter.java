package dev.switchboard.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes server-sent events to one client ({@code event: name} when named, {@code data: …}, a blank line). Events
 * reach the client at each {@link #flush()} (the relays flush whenever the upstream pauses) and when the response ends.
 * The response is committed at the first event, so a failure before it can still be answered as a plain JSON
 * error. A failed write means the client left: {@link ClientGone}. Public for the features that stream answers of their
 * own (a conversation's turn).
 */
public final class SseWriter {

    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_LINE = "\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);

    /** Which model served the answer, and on which attempt of the call. */
    static final String MODEL_HEADER = "x-switchboard-model";
    static final String ATTEMPTS_HEADER = "x-switchboard-attempts";

    private final HttpServletResponse response;
    private OutputStream out;

    public SseWriter(HttpServletResponse response) {
        this.response = response;
    }

    /** Writes one event; {@code event} is null for an unnamed one (OpenAI's streams name none). */
    public void write(String event, String data) {
        try {
            if (out == null) {
                response.setStatus(200);
                response.setContentType("text/event-stream;charset=UTF-8");
                response.setHeader("Cache-Control", "no-cache");
                response.setHeader("X-Accel-Buffering", "no");
                out = response.getOutputStream();
            }
            if (event != null) {
                out.write(EVENT);
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.write(END_OF_LINE);
            }
            out.write(DATA);
            out.write(data.getBytes(StandardCharsets.UTF_8));
            out.write(END_OF_EVENT);
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /** Sends what was written so far. */
    public void flush() {
        if (out == null) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /** Names the serving model and attempt in the headers, while they can still be set (before the first event). */
    void servedBy(String model, int attempt) {
        if (out == null && !response.isCommitted()) {
            response.setHeader(MODEL_HEADER, model);
            response.setHeader(ATTEMPTS_HEADER, Integer.toString(attempt));
        }
    }

    public boolean started() {
        return out != null;
    }
}
