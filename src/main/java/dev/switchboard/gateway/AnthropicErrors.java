package dev.switchboard.gateway;

import java.util.UUID;

import dev.switchboard.access.AuthenticationRequired;
import dev.switchboard.provider.ProviderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error on {@code /v1/messages}, as Anthropic writes it:
 * {@code {"type":"error","error":{"type","message"},"request_id"}} with the status Anthropic documents for the type.
 * Never a stack trace; unexpected failures are logged here and answered with a generic 500.
 */
@RestControllerAdvice(assignableTypes = AnthropicController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AnthropicErrors {

    private static final Logger log = LoggerFactory.getLogger(AnthropicErrors.class);
    private final JsonMapper json;

    AnthropicErrors(JsonMapper json) {
        this.json = json;
    }

    @ExceptionHandler(AuthenticationRequired.class)
    ResponseEntity<byte[]> unauthenticated(AuthenticationRequired e) {
        return respond(401, "authentication_error", e.getMessage());
    }

    @ExceptionHandler(GatewayException.class)
    ResponseEntity<byte[]> refused(GatewayException e) {
        return respond(e.status(), typeOf(e.status()), e.getMessage());
    }

    @ExceptionHandler(ProviderException.class)
    ResponseEntity<byte[]> upstream(ProviderException e) {
        var mapping = ErrorMapping.of(e);
        var response = respond(mapping.status(), mapping.type(), e.getMessage());
        if (e.retryAfterSeconds() != null) {
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                    .header("retry-after", e.retryAfterSeconds().toString()).body(response.getBody());
        }
        return response;
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<byte[]> method(HttpRequestMethodNotSupportedException e) {
        return respond(405, "invalid_request_error", "Method " + e.getMethod() + " is not allowed here.");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<byte[]> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(415, "invalid_request_error", "The body must be JSON (content-type: application/json).");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e) {
        log.error("Unexpected failure on the Anthropic-dialect endpoint", e);
        return respond(500, "api_error", "Internal server error");
    }

    /** The data of an {@code error} event (or body), without a request id: {@code {"type":"error","error":{…}}}. */
    String errorJson(String type, String message) {
        var root = json.createObjectNode().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        return root.toString();
    }

    private ResponseEntity<byte[]> respond(int status, String type, String message) {
        var requestId = "req_" + UUID.randomUUID().toString().replace("-", "");
        var root = json.createObjectNode().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        root.put("request_id", requestId);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).header("request-id", requestId)
                .body(json.writeValueAsBytes(root));
    }

    /** Anthropic's error type for each status it documents; other 4xx are invalid requests, other 5xx api errors. */
    static String typeOf(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    /**
     * How a provider failure is answered in Anthropic's dialect. As on the OpenAI endpoints: a refused credential is
     * 502, a rate limit 429, a timeout 504, other failures 502; an upstream's own 529 stays 529 (overloaded), which
     * Anthropic's clients know to retry.
     */
    record ErrorMapping(int status, String type) {

        static ErrorMapping of(ProviderException e) {
            return switch (e.kind()) {
                case CREDENTIAL_REFUSED, UNREACHABLE -> new ErrorMapping(502, "api_error");
                case RATE_LIMITED -> new ErrorMapping(429, "rate_limit_error");
                case INVALID_REQUEST -> {
                    var status = e.upstreamStatus() >= 400 ? e.upstreamStatus() : 400;
                    yield new ErrorMapping(status, typeOf(status));
                }
                case UPSTREAM_ERROR -> e.upstreamStatus() == 529 ? new ErrorMapping(529, "overloaded_error") : new ErrorMapping(502, "api_error");
                case TIMEOUT -> new ErrorMapping(504, "api_error");
            };
        }
    }
}
