package dev.switchboard.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /redoc}: a ReDoc-style reference of {@code /v3/api-docs} beside the Swagger UI at {@code /docs} (seed 002
 * offered both), on the main port when the docs are served there ({@code SWITCHBOARD_DOCS_ON_MANAGEMENT_PORT=false});
 * otherwise {@link ReferenceEndpoint} serves it on the management port. One static page that renders the OpenAPI
 * document itself, loading nothing from elsewhere: a self-hosted gateway may have no way out to a CDN, and no ReDoc
 * WebJar is published to Maven Central.
 */
@RestController
@ConditionalOnProperty(name = ApiDocs.ON_MANAGEMENT_PORT, havingValue = "false")
class ReferencePage {

    private final byte[] page;

    ReferencePage() {
        this.page = page("/v3/api-docs").getBytes(StandardCharsets.UTF_8);
    }

    @GetMapping("/redoc")
    ResponseEntity<byte[]> redoc() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(page);
    }

    /** The page, reading the OpenAPI document from {@code apiDocs}. */
    static String page(String apiDocs) {
        try (var in = new ClassPathResource("ops/redoc.html").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("/v3/api-docs", apiDocs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
