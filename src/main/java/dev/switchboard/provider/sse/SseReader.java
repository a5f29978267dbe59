package dev.switchboard.provider.sse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code text/event-stream} as the WHATWG spec frames it: {@code event:} and {@code data:} fields (one
 * optional space after the colon), multi-line data joined with newlines, comments ignored, an event dispatched at
 * each blank line; LF, CRLF and CR all end a line. One event at a time, nothing buffered beyond it.
 */
public final class SseReader implements AutoCloseable {

    private final BufferedReader lines;
    private final Runnable beforeWaiting;

    public SseReader(InputStream in) {
        this(in, () -> { });
    }

    /**
     * {@code beforeWaiting} runs whenever the next event is not already buffered, just before the reader would wait
     * for the upstream: the moment to flush what was relayed so far. Events that arrived together are relayed with
     * one flush; none waits for a later one.
     */
    public SseReader(InputStream in, Runnable beforeWaiting) {
        this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 8192);
        this.beforeWaiting = beforeWaiting;
    }

    /** The next event, or null at the end of the stream. An unterminated last event is still dispatched. */
    public SseEvent next() throws IOException {
        if (!lines.ready()) {
            beforeWaiting.run();
        }
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new SseEvent(event, data.toString());
                }
                event = null;
                continue;
            }
            if (line.charAt(0) == ':') {
                continue;
            }
            var colon = line.indexOf(':');
            var field = colon < 0 ? line : line.substring(0, colon);
            var value = colon < 0 ? "" : line.substring(colon + 1 + (colon + 1 < line.length() && line.charAt(colon + 1) == ' ' ? 1 : 0));
            switch (field) {
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "event" -> event = value;
                default -> { } // id and retry mean nothing to a one-shot upstream call
            }
        }
        return data != null ? new SseEvent(event, data.toString()) : null;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    /** One dispatched event: its type ({@code null} means "message") and its data. */
    public record SseEvent(String event, String data) {
    }
}
