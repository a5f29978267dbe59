package dev.switchboard.gateway;

import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every response on the inference API ({@code /v1/**}) carries {@code x-request-id}: the caller's own when it sent one
 * (only letters, digits and {@code . _ : - @ + = /} are kept, at most 128 of them), otherwise a generated
 * {@code req_…}. The usage record stores it, so a client's report can be matched to its record. Anthropic's clients
 * read the same id from {@code request-id}. It runs first, so that even a request refused by another filter carries its id.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestIds extends OncePerRequestFilter {

    static final String HEADER = "x-request-id";
    static final int MAX_LENGTH = 128;
    private static final String ATTRIBUTE = RequestIds.class.getName();
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._:@+=/-]");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var id = sanitised(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        if (request.getRequestURI().startsWith("/v1/messages")) {
            response.setHeader("request-id", id);
        }
        chain.doFilter(request, response);
    }

    /** The request's id; one is made up for a request the filter did not see. */
    static String of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String id ? id : generated();
    }

    static String sanitised(String given) {
        if (given == null) {
            return generated();
        }
        var kept = UNSAFE.matcher(given.length() > 4 * MAX_LENGTH ? given.substring(0, 4 * MAX_LENGTH) : given).replaceAll("");
        kept = kept.length() > MAX_LENGTH ? kept.substring(0, MAX_LENGTH) : kept;
        return kept.isEmpty() ? generated() : kept;
    }

    /** {@code req_} and 32 hex digits from the thread's own generator: an id, not a secret (no lock on SecureRandom). */
    static String generated() {
        var random = ThreadLocalRandom.current();
        return "req_" + HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
    }
}
