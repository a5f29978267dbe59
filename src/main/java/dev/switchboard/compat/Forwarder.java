package dev.switchboard.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;

/**
 * Re-dispatches a seed's call, in this process, as the Switchboard call it stands for: a servlet forward to the
 * Switchboard route with the method and body compat gives it, its answer captured whole ({@link CapturedResponse}) to
 * be reshaped. This is what keeps compat free of rules: authentication, the admin role, validation, budgets and the
 * choice of a key all run once, in the route that owns them. The caller resolved for the seed's path is the one the
 * route sees (the request is the same, its attributes shared), and the query string of the seed's call goes along.
 */
@Component
class Forwarder {

    /** Forwards a JSON body (null for none). */
    Answer json(HttpServletRequest request, String method, String path, JsonNode body) {
        return raw(request, method, path, body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8),
                body == null ? null : "application/json");
    }

    /** Forwards the given bytes with their content type (null bytes: no body). */
    Answer raw(HttpServletRequest request, String method, String path, byte[] body, String contentType) {
        var dispatcher = request.getRequestDispatcher(path);
        if (dispatcher == null) {
            return Answer.of(404, "Not found.");
        }
        var response = new CapturedResponse();
        try {
            dispatcher.forward(new Replayed(request, method, body, contentType), response);
        } catch (ServletException e) {
            throw new IllegalStateException("The Switchboard route " + path + " failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return response.answer();
    }

    /**
     * Forwards the call as it came (method, body, query) to the same sub-path under another base: {@code rest} is what
     * followed the seed's prefix, null for nothing.
     */
    Answer under(HttpServletRequest request, String base, String rest) {
        var segments = rest == null ? new String[0] : java.util.Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return raw(request, request.getMethod(), path(base, segments), body.length == 0 ? null : body,
                body.length == 0 ? null : request.getContentType());
    }

    /**
     * Forwards a JSON body with the client's own response as the route's: what the route writes goes straight out, as
     * it writes it. For a stream, which a captured answer would hold back until its end.
     */
    void live(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response, String method, String path, JsonNode body) {
        try {
            request.getRequestDispatcher(path).forward(new Replayed(request, method, body.toString().getBytes(StandardCharsets.UTF_8),
                    "application/json"), response);
        } catch (ServletException e) {
            throw new IllegalStateException("The Switchboard route " + path + " failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A path of encoded segments under a base; a segment that would climb the path ({@code .}, {@code ..}) stays literal. */
    static String path(String base, String... segments) {
        var path = new StringBuilder(base);
        for (var segment : segments) {
            var encoded = UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8);
            path.append('/').append(encoded.equals(".") || encoded.equals("..") ? encoded.replace(".", "%2E") : encoded);
        }
        return path.toString();
    }

    /** The seed's request with another method and body, and JSON as the answer it accepts. */
    private static final class Replayed extends HttpServletRequestWrapper {

        private final String method;
        private final byte[] body;
        private final String contentType;

        Replayed(HttpServletRequest request, String method, byte[] body, String contentType) {
            super(request);
            this.method = method;
            this.body = body == null ? new byte[0] : body;
            this.contentType = contentType;
        }

        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public int getContentLength() {
            return contentType == null ? -1 : body.length;
        }

        @Override
        public long getContentLengthLong() {
            return getContentLength();
        }

        @Override
        public String getHeader(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "content-type" -> contentType;
                case "content-length" -> contentType == null ? null : Integer.toString(body.length);
                case "accept" -> "application/json, application/problem+json, */*";
                case "transfer-encoding" -> null;
                default -> super.getHeader(name);
            };
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "content-type", "content-length", "accept", "transfer-encoding" -> {
                    var value = getHeader(name);
                    yield Collections.enumeration(value == null ? List.of() : List.of(value));
                }
                default -> super.getHeaders(name);
            };
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            var names = new ArrayList<String>();
            for (var e = super.getHeaderNames(); e.hasMoreElements(); ) {
                var name = e.nextElement();
                if (!List.of("content-type", "content-length", "accept", "transfer-encoding").contains(name.toLowerCase(Locale.ROOT))) {
                    names.add(name);
                }
            }
            names.add("Accept");
            if (contentType != null) {
                names.add("Content-Type");
                names.add("Content-Length");
            }
            return Collections.enumeration(names);
        }

        @Override
        public ServletInputStream getInputStream() {
            return new BytesInput(body);
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }

    private static final class BytesInput extends ServletInputStream {

        private final java.io.ByteArrayInputStream in;

        BytesInput(byte[] bytes) {
            this.in = new java.io.ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("A replayed body is read synchronously.");
        }
    }
}
