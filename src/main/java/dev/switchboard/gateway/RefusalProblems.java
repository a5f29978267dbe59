package dev.switchboard.gateway;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The pipeline's refusals and failures on the management routes of the features that call it (conversations, prompt
 * templates, content generation), as RFC 9457 problem details: the status, the message as {@code detail}, and the
 * reason as {@code code} (with the field at fault as {@code param}). A controller opts in with {@link Served}; everything
 * else is the management API's usual handling.
 */
@RestControllerAdvice(annotations = RefusalProblems.Served.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class RefusalProblems {

    RefusalProblems() {
    }

    /** Marks a management controller whose {@link Refusal}s and {@link CallFailure}s are answered as problem details. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Served {
    }

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refused(Refusal e) {
        var problem = problem(e.status(), e.getMessage(), e.reason());
        if (e.param() != null) {
            problem.setProperty("param", e.param());
        }
        var response = ResponseEntity.status(e.status());
        if (e.retryAfterSeconds() != null) {
            response.header("Retry-After", e.retryAfterSeconds().toString());
        }
        return response.body(problem);
    }

    @ExceptionHandler(CallFailure.CallFailed.class)
    ResponseEntity<ProblemDetail> failed(CallFailure.CallFailed e) {
        var failure = e.failure();
        var response = ResponseEntity.status(failure.status());
        if (failure.retryAfterSeconds() != null) {
            response.header("Retry-After", failure.retryAfterSeconds().toString());
        }
        return response.body(problem(failure.status(), failure.message(), failure.reason()));
    }

    private static ProblemDetail problem(int status, String detail, String code) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
        problem.setTitle(HttpStatus.valueOf(status).getReasonPhrase());
        problem.setProperty("code", code);
        return problem;
    }
}
