package dev.switchboard.gateway;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Keeps a whole JSON answer for the controller to return as the response body. */
final class WholeAnswer implements JsonSink {

    private byte[] json;

    @Override
    public void answer(byte[] json) {
        this.json = json;
    }

    ResponseEntity<byte[]> response() {
        if (json == null) {
            throw new IllegalStateException("the call ended without an answer");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }
}
