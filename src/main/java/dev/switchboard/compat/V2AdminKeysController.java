package dev.switchboard.compat;

import java.io.IOException;
import java.util.Arrays;
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
    ResponseEntity<byte[]> pool(@PathVariable(required = false) String rest, HttpServletRequest request) throws IOException {
        var segments = rest == null ? new String[0] : Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
        var body = request.getInputStream().readAllBytes();
        var answer = forwarder.raw(request, request.getMethod(), Forwarder.path("/api/admin/llm-keys", segments),
                body.length == 0 ? null : body, body.length == 0 ? null : request.getContentType());
        return Replies.fastApi(answer, UnaryOperator.identity(), body.length == 0 ? "query" : "body");
    }
}
