package dev.switchboard.gateway;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A path that does not exist (404) or a method a path does not serve (405), answered before any controller: in OpenAI's
 * or Anthropic's error JSON on the inference API, as problem details elsewhere (as the management API answers).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class UnknownRoutes {

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<?> notFound(Exception e, HttpServletRequest request) {
        return answer(request, HttpStatus.NOT_FOUND, "not_found", "There is no " + request.getMethod() + " " + request.getRequestURI()
                + " here.", null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<?> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        var allowed = e.getSupportedHttpMethods() == null ? "" : String.join(", ", e.getSupportedHttpMethods().stream().map(Object::toString).toList());
        return answer(request, HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "Method " + e.getMethod() + " is not allowed on "
                + request.getRequestURI() + (allowed.isEmpty() ? "." : "; use " + allowed + "."), allowed);
    }

    private static ResponseEntity<?> answer(HttpServletRequest request, HttpStatus status, String code, String message, String allow) {
        var headers = new HttpHeaders();
        if (allow != null && !allow.isEmpty()) {
            headers.set(HttpHeaders.ALLOW, allow);
        }
        var path = request.getRequestURI();
        if (!path.startsWith("/v1/")) {
            var problem = ProblemDetail.forStatusAndDetail(status, message);
            problem.setInstance(URI.create(path));
            return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        var error = ErrorBodies.forPath(path, status.value(), code, message, RequestIds.of(request));
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.parseMediaType(error.contentType())).body(error.body());
    }
}
