package dev.switchboard.console;

import dev.switchboard.access.AccessDenied;
import dev.switchboard.access.AuthenticationRequired;
import dev.switchboard.access.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page has: the signed-in caller and the session's CSRF token for the layout, a sign-in page
 * instead of a 401 (htmx is told by {@code HX-Redirect}), and a page instead of a problem detail for a 403.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    @ModelAttribute
    void layout(HttpServletRequest request, Model model) {
        model.addAttribute("path", request.getRequestURI());
        var session = request.getSession(false);
        if (session != null) {
            model.addAttribute("csrf", ConsoleSession.csrfToken(session));
        }
    }

    @ExceptionHandler(AuthenticationRequired.class)
    String signInFirst(HttpServletRequest request, HttpServletResponse response) {
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", "/login");
            response.setStatus(401);
            return "console/blank";
        }
        return "redirect:/login";
    }

    @ExceptionHandler(AccessDenied.class)
    String forbidden(AccessDenied e, HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(403);
        model.addAttribute("message", "This page is for administrators.");
        layout(request, model);
        return "console/error";
    }

    /** The page's caller, for the layout's navigation (the admin links only for admins). */
    static void signedIn(Model model, Caller caller) {
        model.addAttribute("me", caller);
    }
}
