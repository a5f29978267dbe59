package dev.switchboard.ops;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /redoc}: a ReDoc-style reference of {@code /v3/api-docs} beside the Swagger UI at {@code /docs} (seed 002
 * offered both). One static page that renders the OpenAPI document itself, loading nothing from elsewhere: a
 * self-hosted gateway may have no way out to a CDN, and no ReDoc WebJar is published to Maven Central.
 */
@RestController
class ReferencePage {

    private final byte[] page;

    ReferencePage() {
        try (var in = new ClassPathResource("ops/redoc.html").getInputStream()) {
            this.page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/redoc")
    ResponseEntity<byte[]> redoc() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(page);
    }
}
