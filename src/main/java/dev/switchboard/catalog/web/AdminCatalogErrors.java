package dev.switchboard.catalog.web;

import dev.switchboard.catalog.CatalogChangeRefused;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A refused catalog change as an RFC 9457 problem: 404 for what does not exist, 400 for a bad field, with the field's
 * name in {@code field} as well as in {@code detail}. Every other error of these routes is the management API's.
 */
@RestControllerAdvice(assignableTypes = {AdminProvidersController.class, AdminModelsController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminCatalogErrors {

    @ExceptionHandler(CatalogChangeRefused.class)
    ResponseEntity<ProblemDetail> refused(CatalogChangeRefused e) {
        var status = e.kind() == CatalogChangeRefused.Kind.NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
        var problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(status.getReasonPhrase());
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        return ResponseEntity.status(status).body(problem);
    }
}
