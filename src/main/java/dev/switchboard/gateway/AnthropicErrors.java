package dev.switchboard.gateway;

import java.nio.charset.StandardCharsets;

import dev.switchboard.access.AuthenticationRequired;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Every error on {@code /v1/messages}, as Anthropic writes it:
 * {@code {"type":"error","error":{"type","message"},"request_id"}} with the status Anthropic documents for the type (the
 * same id is in the {@code request-id} header, see {@link RequestIds}). Never a stack trace; unexpected failures are logged here and answered with a
 * generic 500.
 */
@RestControllerAdvice(assignableTypes = AnthropicController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AnthropicErrors {

    private static final Logger log = LoggerFactory.getLogger(AnthropicErrors.class);

    @ExceptionHandler(AuthenticationRequired.class)
    ResponseEntity<byte[]> unauthenticated(AuthenticationRequired e, HttpServletRequest request) {
        return respond(request, 401, "authentication_error", e.getMessage());
    }

    @ExceptionHandler(Refusal.class)
    ResponseEntity<byte[]> refused(Refusal e, HttpServletRequest request) {
        var response = respond(request, e.status(), typeOf(e.status()), e.getMessage());
        return e.retryAfterSeconds() == null ? response : ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header("retry-after", e.retryAfterSeconds().toString()).body(response.getBody());
    }

    @ExceptionHandler(CallFailure.CallFailed.class)
    ResponseEntity<byte[]> failed(CallFailure.CallFailed e, HttpServletRequest request) {
        var failure = e.failure();
        var response = respond(request, statusOf(failure), typeOf(statusOf(failure)), failure.message());
        if (failure.retryAfterSeconds() != null) {
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                    .header("retry-after", failure.retryAfterSeconds().toString()).body(response.getBody());
        }
        return response;
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<byte[]> badParameter(Exception e, HttpServletRequest request) {
        var name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : ((MissingServletRequestParameterException) e).getParameterName();
        return respond(request, 400, "invalid_request_error", name + ": Input should be a valid value");
    }

    @ExceptionHandler(RequestSizeLimit.TooLarge.class)
    ResponseEntity<byte[]> tooLarge(RequestSizeLimit.TooLarge e, HttpServletRequest request) {
        return respond(request, 413, "request_too_large", e.getReason());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<byte[]> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return respond(request, 405, "invalid_request_error", "Method " + e.getMethod() + " is not allowed here.");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<byte[]> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return respond(request, 415, "invalid_request_error", "The body must be JSON (content-type: application/json).");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure on the Anthropic-dialect endpoint", e);
        return respond(request, 500, "api_error", "Internal server error");
    }

    /** The data of an {@code error} event: {@code {"type":"error","error":{"type","message"}}}. */
    static String errorEvent(CallFailure failure) {
        var status = statusOf(failure);
        return errorJson(typeOf(status), status == 500 ? "Internal server error" : failure.message());
    }

    static String errorJson(String type, String message) {
        var root = JsonNodeFactory.instance.objectNode().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        return root.toString();
    }

    static int statusOf(CallFailure failure) {
        return failure.status(Dialect.ANTHROPIC);
    }

    private static ResponseEntity<byte[]> respond(HttpServletRequest request, int status, String type, String message) {
        var requestId = RequestIds.of(request);
        var root = JsonNodeFactory.instance.objectNode().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        root.put("request_id", requestId);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(root.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Anthropic's error type for each status it documents; other 4xx are invalid requests, other 5xx api errors. */
    static String typeOf(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }
}
