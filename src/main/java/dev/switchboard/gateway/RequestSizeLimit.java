package dev.switchboard.gateway;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.server.ResponseStatusException;

/**
 * Request bodies are bounded ({@link RequestLimits}): a declared {@code Content-Length} over the limit is answered 413 at
 * once, unread; a body sent without one (chunked) is counted as it is read and refused with {@link TooLarge} as soon as
 * it passes the limit, so no body larger than the limit is ever held in memory. The answer speaks the path's dialect.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RequestSizeLimit extends OncePerRequestFilter {

    private final long maxBytes;

    RequestSizeLimit(RequestLimits limits) {
        this.maxBytes = limits.maxRequestBytes().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            refuse(request, response);
            return;
        }
        var bounded = new Bounded(request, maxBytes);
        chain.doFilter(bounded, response);
        // a reader that wrapped the refusal in its own error (a JSON parser's "malformed body") is corrected here
        if (bounded.stream != null && bounded.stream.exceeded && response.getStatus() != 413 && !response.isCommitted()) {
            response.resetBuffer();
            refuse(request, response);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var error = ErrorBodies.forPath(request.getRequestURI(), 413, "request_too_large", message(), RequestIds.of(request));
        response.setStatus(413);
        response.setHeader("Connection", "close");
        response.setContentType(error.contentType());
        response.setContentLength(error.body().length);
        response.getOutputStream().write(error.body());
    }

    private String message() {
        return "The request body is larger than this gateway accepts (" + maxBytes + " bytes; SWITCHBOARD_MAX_REQUEST_BYTES).";
    }

    /** A body that passed the limit while being read: a 413 in the dialect of the endpoint that was reading it. */
    static final class TooLarge extends ResponseStatusException {
        TooLarge(long maxBytes) {
            super(HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than this gateway accepts (" + maxBytes
                    + " bytes; SWITCHBOARD_MAX_REQUEST_BYTES).");
        }
    }

    private static final class Bounded extends HttpServletRequestWrapper {
        private final long maxBytes;
        private Counting stream;

        Bounded(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), maxBytes);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long maxBytes;
        private long read;
        private boolean exceeded;

        Counting(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            var b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            var n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            read += n;
            if (read > maxBytes) {
                exceeded = true;
                throw new TooLarge(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
