package dev.switchboard.gateway;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;

/**
 * Keeps a whole JSON answer and writes it to the response itself: the bytes are the answer already, so nothing is gained
 * by handing them to Spring's message converters (content negotiation, converter lookup, body advice) on every call.
 */
final class WholeAnswer implements JsonSink {

    private byte[] json;
    private String model;
    private int attempts;

    @Override
    public void servedBy(String model, int attempt) {
        this.model = model;
        this.attempts = attempt;
    }

    @Override
    public void answer(byte[] json) {
        this.json = json;
    }

    /** The answer's bytes. */
    byte[] json() {
        if (json == null) {
            throw new IllegalStateException("the call ended without an answer");
        }
        return json;
    }

    /** Writes the answer: 200, JSON, its length, and which model served it on which attempt. */
    void send(HttpServletResponse response) throws IOException {
        var body = json();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        if (model != null) {
            response.setHeader(SseWriter.MODEL_HEADER, model);
            response.setHeader(SseWriter.ATTEMPTS_HEADER, Integer.toString(attempts));
        }
        response.getOutputStream().write(body);
    }
}
