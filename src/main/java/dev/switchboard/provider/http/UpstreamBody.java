package dev.switchboard.provider.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

import dev.switchboard.provider.UpstreamWait;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ClassicHttpResponse;

/**
 * The open body of a streamed 2xx answer ({@link UpstreamHttp#open}). Read to its end, the connection returns to the
 * pool. Closed before its end it is cancelled at once, so that the upstream sees the connection close when the client
 * leaves, unless the reader said first that the protocol's last event has come ({@link #answerComplete()}): then
 * closing reads the little that follows it (the chunked body's terminator, usually already on its way) within a short
 * bound, to keep the connection; a connection opened per stream costs more than the whole relay of its chunks.
 */
public final class UpstreamBody extends FilterInputStream {

    /** The most read after the last event to reach the end of the body: a terminator and stray whitespace, not an answer. */
    static final int DRAIN_BYTES = 4096;
    /** The longest wait for the end of the body after the last event; past it the connection is dropped as before. */
    static final Duration DRAIN_TIME = Duration.ofMillis(250);

    private final HttpPost post;
    private final ClassicHttpResponse response;
    private final Watchdog idle;
    private final Duration idleLimit;
    private boolean ended;
    private boolean complete;
    private boolean closed;

    UpstreamBody(InputStream content, HttpPost post, ClassicHttpResponse response, Watchdog idle, Duration idleLimit) {
        super(content);
        this.post = post;
        this.response = response;
        this.idle = idle;
        this.idleLimit = idleLimit;
    }

    /** The protocol's last event was read (OpenAI's {@code [DONE]}, Anthropic's {@code message_stop}, …). */
    public void answerComplete() {
        complete = true;
    }

    @Override
    public int read() throws IOException {
        var one = new byte[1];
        var n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    /** A read that waits longer than the stream-idle timeout fails as a timeout (the exchange is cancelled). */
    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        idle.arm(idleLimit);
        var started = System.nanoTime();
        try {
            var n = super.read(buffer, offset, length);
            ended |= n < 0;
            return n;
        } catch (IOException e) {
            throw idle.fired() ? new SocketTimeoutException("no chunk within " + idleLimit + " (SWITCHBOARD_UPSTREAM_STREAM_IDLE_TIMEOUT)") : e;
        } finally {
            idle.disarm();
            UpstreamWait.since(started);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!ended && !(complete && drained())) {
            post.cancel();
        }
        UpstreamHttp.closeQuietly(response);
    }

    /** Reads to the end of a complete answer's body within {@link #DRAIN_BYTES} and {@link #DRAIN_TIME}. */
    private boolean drained() {
        var scratch = new byte[512];
        var left = DRAIN_BYTES;
        idle.arm(DRAIN_TIME);
        var started = System.nanoTime();
        try {
            while (left > 0) {
                var n = in.read(scratch, 0, Math.min(scratch.length, left));
                if (n < 0) {
                    return true;
                }
                left -= n;
            }
            return false;
        } catch (IOException e) {
            return false;
        } finally {
            idle.disarm();
            UpstreamWait.since(started);
        }
    }
}
