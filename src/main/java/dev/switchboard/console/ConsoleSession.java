package dev.switchboard.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console's session, in front of its pages only ({@link ConsolePaths}). The session (the servlet container's, in
 * memory, cookie HttpOnly and SameSite=Lax, Secure over TLS) holds the access token {@code access.Logins} issued at
 * sign-in; each console request then carries it as {@code Authorization: Bearer}, so the existing authentication, the
 * admin interceptor and the {@code Caller} parameter apply unchanged (a deactivated user or a changed password ends the
 * session at once, as it ends the token). Every unsafe request must carry the session's CSRF token (form field
 * {@code _csrf} or header {@code X-CSRF-Token}, which htmx sends). Every console answer gets a strict
 * Content-Security-Policy: scripts and styles from this origin only, no inline script, nothing remote.
 */
final class ConsoleSession extends OncePerRequestFilter {

    static final String TOKEN = "switchboard.console.token";
    static final String CSRF = "switchboard.console.csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CSRF_FIELD = "_csrf";
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ConsolePaths.isConsole(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cache-Control", "no-store");
        if (!SAFE.contains(request.getMethod()) && !csrfValid(request)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("This form has expired (missing or wrong CSRF token). Reload the page and try again.");
            return;
        }
        var session = request.getSession(false);
        var token = session == null ? null : (String) session.getAttribute(TOKEN);
        chain.doFilter(new SignedIn(request, token), response);
    }

    /** The CSRF token of this session, made on first use (the sign-in form makes the session). */
    static String csrfToken(HttpSession session) {
        var token = (String) session.getAttribute(CSRF);
        if (token == null) {
            var bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(CSRF, token);
        }
        return token;
    }

    private static boolean csrfValid(HttpServletRequest request) {
        var session = request.getSession(false);
        var expected = session == null ? null : (String) session.getAttribute(CSRF);
        var sent = request.getHeader(CSRF_HEADER) != null ? request.getHeader(CSRF_HEADER) : request.getParameter(CSRF_FIELD);
        return expected != null && sent != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    /** The request as the session's user sends it: its token as the bearer, any header credential of its own ignored. */
    private static final class SignedIn extends HttpServletRequestWrapper {

        private final String token;

        SignedIn(HttpServletRequest request, String token) {
            super(request);
            this.token = token;
        }

        @Override
        public String getHeader(String name) {
            if ("Authorization".equalsIgnoreCase(name)) {
                return token == null ? null : "Bearer " + token;
            }
            return "X-API-Key".equalsIgnoreCase(name) ? null : super.getHeader(name);
        }
    }
}
