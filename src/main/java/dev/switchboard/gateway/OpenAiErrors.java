package dev.switchboard.gateway;

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
import tools.jackson.databind.node.ObjectNode;

/**
 * Every error on the OpenAI-dialect endpoints, as OpenAI writes it: {@code {"error":{"message","type","param","code"}}}.
 * Never a stack trace; unexpected failures are logged here and answered with a generic 500.
 */
@RestControllerAdvice(assignableTypes = {OpenAiController.class, MediaController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class OpenAiErrors {

    /** What a client is told about a failure of our own: nothing more. */
    static final String INTERNAL_MESSAGE = "The server had an error while processing your request.";
    private static final Logger log = LoggerFactory.getLogger(OpenAiErrors.class);
    private final JsonMapper json;

    OpenAiErrors(JsonMapper json) {
        this.json = json;
    }

    @ExceptionHandler(AuthenticationRequired.class)
    ResponseEntity<byte[]> unauthenticated(AuthenticationRequired e) {
        return ResponseEntity.status(401).header("WWW-Authenticate", "Bearer")
                .contentType(MediaType.APPLICATION_JSON).body(body(e.getMessage(), "invalid_request_error", "invalid_api_key", null));
    }

    @ExceptionHandler(GatewayException.class)
    ResponseEntity<byte[]> refused(GatewayException e) {
        return respond(e.status(), body(e.getMessage(), e.type(), e.code(), e.param()));
    }

    @ExceptionHandler(ProviderException.class)
    ResponseEntity<byte[]> upstream(ProviderException e) {
        var error = ErrorMapping.of(e);
        var response = ResponseEntity.status(error.status()).contentType(MediaType.APPLICATION_JSON);
        if (e.retryAfterSeconds() != null) {
            response.header("Retry-After", e.retryAfterSeconds().toString());
        }
        return response.body(body(e.getMessage(), error.type(), error.code(), null));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<byte[]> method(HttpRequestMethodNotSupportedException e) {
        return respond(405, body("Method " + e.getMethod() + " is not allowed here.", "invalid_request_error", "method_not_allowed", null));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<byte[]> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(415, body("The body must be JSON (Content-Type: application/json).", "invalid_request_error", "unsupported_media_type", null));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e) {
        log.error("Unexpected failure on an OpenAI-dialect endpoint", e);
        return respond(500, body(INTERNAL_MESSAGE, "server_error", "internal_error", null));
    }

    private ResponseEntity<byte[]> respond(int status, byte[] body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    byte[] body(String message, String type, String code, String param) {
        return json.writeValueAsBytes(errorNode(message, type, code, param));
    }

    ObjectNode errorNode(String message, String type, String code, String param) {
        var root = json.createObjectNode();
        var error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return root;
    }

    /** How a provider failure is answered: status, OpenAI error type and code. */
    record ErrorMapping(int status, String type, String code) {

        static ErrorMapping of(ProviderException e) {
            return switch (e.kind()) {
                case CREDENTIAL_REFUSED -> new ErrorMapping(502, "api_error", "provider_credential_refused");
                case RATE_LIMITED -> new ErrorMapping(429, "rate_limit_error", "rate_limit_exceeded");
                case INVALID_REQUEST -> new ErrorMapping(e.upstreamStatus() >= 400 ? e.upstreamStatus() : 400, "invalid_request_error", "upstream_rejected");
                case UPSTREAM_ERROR -> new ErrorMapping(502, "api_error", "upstream_error");
                case TIMEOUT -> new ErrorMapping(504, "api_error", "upstream_timeout");
                case UNREACHABLE -> new ErrorMapping(502, "api_error", "upstream_unreachable");
            };
        }
    }
}
