package dev.switchboard.compat;

import java.util.function.UnaryOperator;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 001's {@code /v2/admin/llm-keys/…}: the admin key pool, every method and sub-path answered by the same one under
 * {@code /api/admin/llm-keys} (same snake_case fields), errors in FastAPI's shape. Admin only, by the interceptor that
 * guards {@code /api/admin/**} ({@link CompatConfiguration} declares the path).
 */
@RestController
class V2AdminKeysController {

    private final Forwarder forwarder;

    V2AdminKeysController(Forwarder forwarder) {
        this.forwarder = forwarder;
    }

    @RequestMapping({"/v2/admin/llm-keys", "/v2/admin/llm-keys/{*rest}"})
    ResponseEntity<byte[]> pool(@PathVariable(required = false) String rest, HttpServletRequest request) {
        var hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        return Replies.fastApi(forwarder.under(request, "/api/admin/llm-keys", rest), UnaryOperator.identity(), hasBody ? "body" : "query");
    }
}
