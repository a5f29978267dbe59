package dev.switchboard.gateway;

import java.io.IOException;
import java.io.PrintWriter;

import dev.switchboard.provider.UpstreamWait;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every answer on the inference API ({@code /v1/**}) says how long the gateway itself took: {@code x-switchboard-overhead-ms},
 * the wall time from the request's arrival here to the moment its headers go out, minus the time its thread was blocked
 * on upstreams ({@link UpstreamWait}, which the one HTTP client adds to). Taken at the answer's first byte, so it covers
 * every path alike: a whole answer, a stream (up to its first event, the upstream's time to that event left out), an
 * error after an upstream answered, a refusal before any. It counts the gateway's real work, the wait for the usage
 * record's commit and a retry's backoff included; a request body the client sends slowly counts too (it is read here).
 * Runs first, so that its clock starts before every other filter.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class OverheadHeader extends OncePerRequestFilter {

    static final String HEADER = "x-switchboard-overhead-ms";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var wait = new UpstreamWait();
        var stamped = new Stamped(response, System.nanoTime(), wait);
        try {
            ScopedValue.where(UpstreamWait.CURRENT, wait).call(() -> {
                chain.doFilter(request, stamped);
                return null;
            });
        } catch (IOException | ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
        stamped.stamp();
    }

    /** Milliseconds with two decimals ({@code 0.42}), without the cost of a formatter. */
    static String millis(long nanos) {
        var hundredths = (Math.max(0, nanos) + 5_000) / 10_000;
        var fraction = hundredths % 100;
        return hundredths / 100 + (fraction < 10 ? ".0" : ".") + fraction;
    }

    /** The response, which sets the header just before its first byte (or at the end, for an answer without a body). */
    private static final class Stamped extends HttpServletResponseWrapper {

        private final long arrived;
        private final UpstreamWait wait;
        private boolean stamped;
        private ServletOutputStream out;

        Stamped(HttpServletResponse response, long arrived, UpstreamWait wait) {
            super(response);
            this.arrived = arrived;
            this.wait = wait;
        }

        void stamp() {
            if (!stamped) {
                stamped = true;
                if (!isCommitted()) {
                    setHeader(HEADER, millis(System.nanoTime() - arrived - wait.nanos()));
                }
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new StampingStream(super.getOutputStream(), this);
            }
            return out;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            stamp();
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            stamp();
            super.flushBuffer();
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            stamp();
            super.sendError(status, message);
        }

        @Override
        public void sendError(int status) throws IOException {
            stamp();
            super.sendError(status);
        }
    }

    /** Stamps the response before the first write or flush reaches the container. */
    private static final class StampingStream extends ServletOutputStream {

        private final ServletOutputStream out;
        private final Stamped response;

        StampingStream(ServletOutputStream out, Stamped response) {
            this.out = out;
            this.response = response;
        }

        @Override
        public void write(int b) throws IOException {
            response.stamp();
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            response.stamp();
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            response.stamp();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            response.stamp();
            out.close();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }
}
