package dev.switchboard.gateway;

import dev.switchboard.access.AuthenticationRequired;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Every error on the OpenAI-dialect endpoints, as OpenAI writes it: {@code {"error":{"message","type","param","code"}}},
 * the code being the refusal's or the failure's reason. Never a stack trace; unexpected failures are logged here and
 * answered with a generic 500.
 */
@RestControllerAdvice(assignableTypes = {OpenAiController.class, MediaController.class, ResponsesController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class OpenAiErrors {

    private static final Logger log = LoggerFactory.getLogger(OpenAiErrors.class);

    @ExceptionHandler(AuthenticationRequired.class)
    ResponseEntity<byte[]> unauthenticated(AuthenticationRequired e) {
        return ResponseEntity.status(401).header("WWW-Authenticate", "Bearer")
                .contentType(MediaType.APPLICATION_JSON).body(body(e.getMessage(), "invalid_request_error", "invalid_api_key", null));
    }

    @ExceptionHandler(Refusal.class)
    ResponseEntity<byte[]> refused(Refusal e) {
        var response = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        if (e.retryAfterSeconds() != null) {
            response.header("Retry-After", e.retryAfterSeconds().toString());
        }
        return response.body(body(e.getMessage(), typeOf(e.status()), e.reason(), e.param()));
    }

    @ExceptionHandler(CallFailure.CallFailed.class)
    ResponseEntity<byte[]> failed(CallFailure.CallFailed e) {
        var failure = e.failure();
        var response = ResponseEntity.status(failure.status()).contentType(MediaType.APPLICATION_JSON);
        if (failure.retryAfterSeconds() != null) {
            response.header("Retry-After", failure.retryAfterSeconds().toString());
        }
        return response.body(body(failure));
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<byte[]> badParameter(Exception e) {
        var name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : ((MissingServletRequestParameterException) e).getParameterName();
        return respond(400, body("Invalid value for query parameter '" + name + "'.", "invalid_request_error", "invalid_value", name));
    }

    @ExceptionHandler(RequestSizeLimit.TooLarge.class)
    ResponseEntity<byte[]> tooLarge(RequestSizeLimit.TooLarge e) {
        return respond(413, body(e.getReason(), "invalid_request_error", "request_too_large", null));
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
        return respond(500, body(CallFailure.internal()));
    }

    private static ResponseEntity<byte[]> respond(int status, byte[] body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    static byte[] body(CallFailure failure) {
        return body(failure.message(), typeOf(failure.status()), failure.reason(), null);
    }

    static byte[] body(String message, String type, String code, String param) {
        return errorNode(message, type, code, param).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static ObjectNode errorNode(String message, String type, String code, String param) {
        var root = JsonNodeFactory.instance.objectNode();
        var error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return root;
    }

    /** OpenAI's error type for a status: a rate limit, our own failure, a provider's failure, or the request's fault. */
    static String typeOf(int status) {
        if (status == 429) {
            return "rate_limit_error";
        }
        if (status == 402) {
            return "insufficient_quota";
        }
        if (status == 500) {
            return "server_error";
        }
        return status >= 500 ? "api_error" : "invalid_request_error";
    }
}
