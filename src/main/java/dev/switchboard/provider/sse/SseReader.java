package dev.switchboard.provider.sse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

import dev.switchboard.provider.ProviderException;
import dev.switchboard.provider.ProviderException.Kind;
import dev.switchboard.provider.http.UpstreamBody;

/**
 * Reads a {@code text/event-stream} as the WHATWG spec frames it: {@code event:} and {@code data:} fields (one
 * optional space after the colon), multi-line data joined with newlines, comments ignored, an event dispatched at
 * each blank line; LF, CRLF and CR all end a line. One event at a time, nothing buffered beyond it, and no event larger
 * than {@link #MAX_EVENT_CHARS}: a longer one (a broken or hostile upstream) is the provider's failure, never a heap
 * exhausted by one line.
 */
public final class SseReader implements AutoCloseable {

    /** The largest event accepted: far above any model's chunk, including images streamed as base64. */
    public static final int MAX_EVENT_CHARS = 16 * 1024 * 1024;

    private final InputStream source;
    private final Reader in;
    private final Runnable beforeWaiting;
    private final int maxEventChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean skipLineFeed;

    public SseReader(InputStream in) {
        this(in, () -> { });
    }

    /**
     * {@code beforeWaiting} runs whenever the next event is not already buffered, just before the reader would wait
     * for the upstream: the moment to flush what was relayed so far. Events that arrived together are relayed with
     * one flush; none waits for a later one.
     */
    public SseReader(InputStream in, Runnable beforeWaiting) {
        this(in, beforeWaiting, MAX_EVENT_CHARS);
    }

    SseReader(InputStream in, Runnable beforeWaiting, int maxEventChars) {
        this.source = in;
        this.in = new InputStreamReader(in, StandardCharsets.UTF_8);
        this.beforeWaiting = beforeWaiting;
        this.maxEventChars = maxEventChars;
    }

    /**
     * The next event, or null at the end of the stream. An unterminated last event is still dispatched. An event of one
     * data line (nearly every event) is that line's text itself, not a copy joined through a builder.
     */
    public SseEvent next() throws IOException {
        if (position >= limit && !in.ready()) {
            beforeWaiting.run();
        }
        String event = null;
        String data = null;
        StringBuilder joined = null;
        String line;
        while ((line = readLine(joined != null ? joined.length() : data != null ? data.length() : 0)) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new SseEvent(event, joined != null ? joined.toString() : data);
                }
                event = null;
                continue;
            }
            var colon = line.indexOf(':');
            if (isField(line, colon, "data")) {
                var value = valueOf(line, colon);
                if (data == null) {
                    data = value;
                } else {
                    joined = (joined == null ? new StringBuilder(data) : joined).append('\n').append(value);
                }
            } else if (isField(line, colon, "event")) {
                event = valueOf(line, colon);
            } // comments (a line that starts with a colon), id and retry mean nothing to a one-shot upstream call
        }
        return data != null ? new SseEvent(event, joined != null ? joined.toString() : data) : null;
    }

    /** Whether the line's field (before its first colon, or all of it) is {@code name}. */
    private static boolean isField(String line, int colon, String name) {
        return (colon < 0 ? line.length() : colon) == name.length() && line.startsWith(name);
    }

    /** The field's value: after the colon and one optional space; empty without a colon. */
    private static String valueOf(String line, int colon) {
        if (colon < 0) {
            return "";
        }
        var start = colon + 1 < line.length() && line.charAt(colon + 1) == ' ' ? colon + 2 : colon + 1;
        return line.substring(start);
    }

    /** One line without its end; null at the end of the stream. {@code pending} characters of the event came before it. */
    private String readLine(int pending) throws IOException {
        StringBuilder line = null;
        while (true) {
            if (position >= limit && !fill()) {
                return line == null ? null : line.toString();
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            var start = position;
            while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            var length = (line == null ? 0 : line.length()) + position - start;
            if (pending + length > maxEventChars) {
                throw new ProviderException(Kind.UPSTREAM_ERROR, 200, "The provider streamed an event larger than " + maxEventChars
                        + " characters", null);
            }
            if (position < limit) {
                var end = buffer[position++];
                skipLineFeed = end == '\r';
                return line == null ? new String(buffer, start, position - 1 - start) : line.append(buffer, start, position - 1 - start).toString();
            }
            line = (line == null ? new StringBuilder() : line).append(buffer, start, position - start);
        }
    }

    private boolean fill() throws IOException {
        var n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    /**
     * The protocol's last event was read: closing this reader then keeps an upstream connection for the next call
     * (see {@link UpstreamBody}). A reader closed without it (the client left, the stream failed) drops the connection
     * at once.
     */
    public void answerComplete() {
        if (source instanceof UpstreamBody body) {
            body.answerComplete();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** One dispatched event: its type ({@code null} means "message") and its data. */
    public record SseEvent(String event, String data) {
    }
}
