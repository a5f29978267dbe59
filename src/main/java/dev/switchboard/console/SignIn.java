package dev.switchboard.console;

import dev.switchboard.access.AuthenticationRequired;
import dev.switchboard.access.Logins;
import dev.switchboard.access.TooManyAttempts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign in and out. Sign-in goes through {@link Logins}, so the console has the API's answer for every failure and the
 * same throttle per account and address; on success the old session is dropped (no session fixation) and a new one
 * holds the token and a fresh CSRF token.
 */
@Controller
class SignIn {

    private final Logins logins;

    SignIn(Logins logins) {
        this.logins = logins;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/models";
    }

    @GetMapping("/login")
    String form(HttpServletRequest request, Model model) {
        model.addAttribute("csrf", ConsoleSession.csrfToken(request.getSession()));
        return "console/login";
    }

    @PostMapping("/login")
    String signIn(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            var token = logins.login(email, password, request.getRemoteAddr());
            request.getSession().invalidate();
            var session = request.getSession(true);
            session.setAttribute(ConsoleSession.TOKEN, token.token());
            session.setMaxInactiveInterval((int) Math.min(token.expiresInSeconds(), Integer.MAX_VALUE));
            return "redirect:/models";
        } catch (AuthenticationRequired | TooManyAttempts e) {
            response.setStatus(e instanceof TooManyAttempts ? 429 : 401);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("email", email);
            model.addAttribute("csrf", ConsoleSession.csrfToken(request.getSession()));
            return "console/login";
        }
    }

    @PostMapping("/logout")
    String signOut(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return "redirect:/login";
    }
}
