package dev.switchboard.gateway;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Keeps a whole JSON answer for the controller to return as the response body. */
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

    ResponseEntity<byte[]> response() {
        if (json == null) {
            throw new IllegalStateException("the call ended without an answer");
        }
        var ok = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (model != null) {
            ok.header(SseWriter.MODEL_HEADER, model).header(SseWriter.ATTEMPTS_HEADER, Integer.toString(attempts));
        }
        return ok.body(json);
    }
}
