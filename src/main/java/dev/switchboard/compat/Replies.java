package dev.switchboard.compat;

import java.util.function.UnaryOperator;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * A route's answer handed on to a seed's client: a success reshaped into the seed's fields, a failure as it came
 * (RFC 9457 problem details, whose {@code detail} is where FastAPI and Spring clients look) or, on the {@code /v2}
 * paths, in FastAPI's own shape ({@link FastApiErrors}).
 */
final class Replies {

    private Replies() {
    }

    /** The answer unchanged: status, content type, body and the headers a client needs. */
    static ResponseEntity<byte[]> relayed(Answer answer) {
        var response = ResponseEntity.status(answer.status());
        answer.headers().forEach(response::header);
        if (answer.contentType() != null) {
            response.header(HttpHeaders.CONTENT_TYPE, answer.contentType());
        }
        return response.body(answer.body());
    }

    /** A success reshaped (same status and headers); a failure relayed. */
    static ResponseEntity<byte[]> reshaped(Answer answer, UnaryOperator<JsonNode> reshape) {
        if (!answer.ok() || !answer.isJson()) {
            return relayed(answer);
        }
        return json(answer, reshape.apply(answer.json()));
    }

    /** A success reshaped; a failure in FastAPI's shape. */
    static ResponseEntity<byte[]> fastApi(Answer answer, UnaryOperator<JsonNode> reshape, String location) {
        if (!answer.ok()) {
            return FastApiErrors.of(answer, location);
        }
        return answer.isJson() ? json(answer, reshape.apply(answer.json())) : relayed(answer);
    }

    static ResponseEntity<byte[]> json(Answer answer, JsonNode body) {
        var response = ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON);
        answer.headers().forEach(response::header);
        return response.body(Answer.JSON.writeValueAsBytes(body));
    }
}
