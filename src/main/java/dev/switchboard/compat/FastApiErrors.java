package dev.switchboard.compat;

import java.nio.charset.StandardCharsets;

import dev.switchboard.access.AccessDenied;
import dev.switchboard.access.AuthenticationRequired;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Errors on the {@code /v2} paths as FastAPI writes them (seeds 000 and 001 were FastAPI services):
 * {@code {"detail": "…"}}, and a validation failure as 422 with {@code {"detail": [{"loc", "msg", "type"}]}}. Switchboard's
 * own 400s are its validation refusals, so they become 422s; every other status stays. Refusals made before a call is
 * re-dispatched (no or a bad credential, a user on an admin path) are caught here in the same shape.
 */
@RestControllerAdvice(assignableTypes = {V2Controller.class, V2AdminKeysController.class, V2ChatController.class,
        V2ConversationsController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class FastApiErrors {

    private static final Logger log = LoggerFactory.getLogger(FastApiErrors.class);

    @ExceptionHandler(AuthenticationRequired.class)
    ResponseEntity<byte[]> unauthenticated(AuthenticationRequired e) {
        return of(Answer.of(401, e.getMessage()).withHeader("WWW-Authenticate", "Bearer"), "header");
    }

    @ExceptionHandler(AccessDenied.class)
    ResponseEntity<byte[]> forbidden(AccessDenied e) {
        return of(Answer.of(403, e.getMessage()), "header");
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<byte[]> badParameter(Exception e) {
        var name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : ((MissingServletRequestParameterException) e).getParameterName();
        return of(Answer.of(400, "'" + name + "' has an invalid value."), "query");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e) {
        log.error("Unexpected failure on a /v2 path", e);
        return of(Answer.of(500, "Internal Server Error"), "body");
    }

    /** A failed answer in FastAPI's shape; {@code location} is where a 422's field was: body, query or path. */
    static ResponseEntity<byte[]> of(Answer failure, String location) {
        var status = failure.status() == 400 ? 422 : failure.status();
        var root = JsonNodeFactory.instance.objectNode();
        if (status == 422) {
            var error = root.putArray("detail").addObject();
            var loc = error.putArray("loc").add(location);
            if (failure.field() != null) {
                loc.add(failure.field());
            }
            error.put("msg", failure.detail()).put("type", "value_error");
        } else {
            root.put("detail", failure.detail());
        }
        var response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        failure.headers().forEach((name, value) -> {
            if (!name.equals("Location") && !name.equals("Content-Disposition")) {
                response.header(name, value);
            }
        });
        return response.body(root.toString().getBytes(StandardCharsets.UTF_8));
    }
}
