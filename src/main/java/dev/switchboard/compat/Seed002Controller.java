package dev.switchboard.compat;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 002 (LLMHub)'s web-console routers under {@code /api/v1}: the prompt library ({@code prompts.py}) over
 * {@code /api/prompts…}, the billing reports ({@code billing.py}) over {@code /api/admin/billing…} and the admin views
 * ({@code admin.py}) over {@code /api/admin…}, each sub-path, method, query and body as it came. The fields were
 * snake_case already, so answers and problem details are relayed unchanged. {@code /api/v1/billing/**} and
 * {@code /api/v1/admin/**} are admin only, as their routes ({@link CompatConfiguration}).
 */
@RestController
class Seed002Controller {

    private final Forwarder forwarder;

    Seed002Controller(Forwarder forwarder) {
        this.forwarder = forwarder;
    }

    @RequestMapping({"/api/v1/prompts", "/api/v1/prompts/{*rest}"})
    ResponseEntity<byte[]> prompts(@PathVariable(required = false) String rest, HttpServletRequest request) {
        return Replies.relayed(forwarder.under(request, "/api/prompts", rest));
    }

    @RequestMapping("/api/v1/billing/{*rest}")
    ResponseEntity<byte[]> billing(@PathVariable String rest, HttpServletRequest request) {
        return Replies.relayed(forwarder.under(request, "/api/admin/billing", rest));
    }

    @RequestMapping("/api/v1/admin/{*rest}")
    ResponseEntity<byte[]> admin(@PathVariable String rest, HttpServletRequest request) {
        return Replies.relayed(forwarder.under(request, "/api/admin", rest));
    }
}
