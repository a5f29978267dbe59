package dev.switchboard.access;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The management API's answer to an unauthenticated call: an RFC 9457 problem with a bearer challenge. */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ManagementErrors {

    @ExceptionHandler(AuthenticationRequired.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationRequired e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        problem.setTitle("Unauthorized");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer").body(problem);
    }
}
