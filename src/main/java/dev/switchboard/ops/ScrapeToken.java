package dev.switchboard.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With {@code SWITCHBOARD_METRICS_TOKEN} set, every request to the actuator paths ({@code /actuator/**}: metrics, the
 * API description, health) must present {@code Authorization: Bearer <token>}, as Prometheus sends it
 * ({@code authorization: {credentials: …}}); anything else is a 401 problem. Compared in constant time; neither the
 * token nor what a caller sent is ever logged. Registered in the management context by {@link ManagementAccess}.
 */
final class ScrapeToken extends OncePerRequestFilter {

    static final String PROPERTY = "switchboard.management.token";
    private static final String UNAUTHORIZED = """
            {"type":"about:blank","title":"Unauthorized","status":401,"detail":"This port needs Authorization: Bearer <SWITCHBOARD_METRICS_TOKEN>."}""";

    private final byte[] expected;
    private final String basePath;

    ScrapeToken(String token, String basePath) {
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.basePath = basePath;
    }

    /** The configured token, when there is one. */
    static Optional<String> configured(Environment environment) {
        return Optional.ofNullable(environment.getProperty(PROPERTY)).map(String::trim).filter(t -> !t.isEmpty());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var path = request.getRequestURI();
        return !(path.equals(basePath) || path.startsWith(basePath + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var given = request.getHeader("Authorization");
        if (given != null && MessageDigest.isEqual(expected, given.trim().getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"switchboard-management\"");
        response.setContentType("application/problem+json");
        response.getOutputStream().write(UNAUTHORIZED.getBytes(StandardCharsets.UTF_8));
    }
}
