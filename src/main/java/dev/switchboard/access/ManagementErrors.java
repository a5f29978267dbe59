package dev.switchboard.access;

import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the management API as an RFC 9457 problem detail with a clear {@code detail}: 401 with a bearer
 * challenge, 403, 404, 400 (validation, unreadable bodies, bad parameters), 409, 429 and a generic 500 that is logged
 * here and never carries a stack trace. The dialect handlers of the inference endpoints take precedence over this one.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ManagementErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ManagementErrors.class);

    @ExceptionHandler(AuthenticationRequired.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationRequired e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer")
                .body(problem(HttpStatus.UNAUTHORIZED, e.getMessage()));
    }

    @ExceptionHandler(AccessDenied.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDenied e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem(HttpStatus.FORBIDDEN, e.getMessage()));
    }

    @ExceptionHandler(TooManyAttempts.class)
    ResponseEntity<ProblemDetail> throttled(TooManyAttempts e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ProblemDetail> conflict(DuplicateKeyException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, "This conflicts with an existing record."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Parameter '" + e.getName() + "' has an invalid value."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure on a management endpoint", e);
        return ResponseEntity.internalServerError()
                .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "The server had an error while processing your request."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        var detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> "'" + f.getField() + "' " + f.getDefaultMessage())
                .collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, detail.isEmpty() ? "The request is invalid." : detail));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof tools.jackson.databind.exc.UnrecognizedPropertyException unknown) {
                return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
                        "'" + unknown.getPropertyName() + "' is not a field of this request."));
            }
            if (cause instanceof tools.jackson.databind.exc.MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
                var field = mismatch.getPath().getLast().getPropertyName();
                if (field != null) {
                    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "'" + field + "' has the wrong type or value."));
                }
            }
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
                "The request body is missing or is not valid JSON of the expected shape."));
    }

    static ProblemDetail problem(HttpStatus status, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }
}
