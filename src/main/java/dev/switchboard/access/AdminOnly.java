package dev.switchboard.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The one place that guards {@code /api/admin/**} and the {@link AdminRoutes} other modules declare: every request there
 * is authenticated, and refused with 403 unless its caller holds the ADMIN role. Controllers under those paths need no
 * checks of their own.
 */
final class AdminOnly implements HandlerInterceptor {

    static final String PATH = "/api/admin/**";
    private final Authenticator authenticator;

    AdminOnly(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!CallerArgumentResolver.callerOf(request, authenticator).isAdmin()) {
            throw new AccessDenied("This endpoint requires the admin role.");
        }
        return true;
    }
}
