package dev.switchboard.gateway;

import dev.switchboard.access.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** OpenAI's {@code /v1/embeddings} and {@code /v1/images/generations}, for every provider that offers them. */
@RestController
class MediaController {

    private final MediaService media;

    MediaController(MediaService media) {
        this.media = media;
    }

    @PostMapping("/v1/embeddings")
    ResponseEntity<byte[]> embeddings(Caller caller, @RequestBody(required = false) byte[] body) {
        return media.embeddings(caller, body);
    }

    @PostMapping("/v1/images/generations")
    ResponseEntity<byte[]> images(Caller caller, @RequestBody(required = false) byte[] body) {
        return media.images(caller, body);
    }
}
