package dev.switchboard.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.util.function.SingletonSupplier;
import org.webjars.WebJarVersionLocator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Swagger UI's own files, from the {@code org.webjars:swagger-ui} jar as they are, except its
 * {@code swagger-initializer.js}, which (as springdoc's transformer did) reads its settings from {@code swagger-config}
 * instead of loading the petstore's example. Streamed from the jar on each request: nothing is kept in memory.
 */
final class SwaggerUi {

    static final String WEBJAR = "swagger-ui";
    static final String INITIALIZER = "swagger-initializer.js";
    /** A file of the jar's one directory; no path separators, so nothing outside it is ever read. */
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final String LAYOUT = "layout: \"StandaloneLayout\"";

    private final String apiDocs;
    private final String swaggerConfig;
    private final SingletonSupplier<String> directory = SingletonSupplier.of(() ->
            "META-INF/resources/webjars/" + WEBJAR + "/" + new WebJarVersionLocator().version(WEBJAR) + "/");

    SwaggerUi(String apiDocs, String swaggerConfig) {
        this.apiDocs = apiDocs;
        this.swaggerConfig = swaggerConfig;
    }

    /** {@code swagger-config}: where the description is, and where an OAuth2 sign-in returns to ({@code uiBase} + file). */
    byte[] config(String uiBase) {
        var config = new LinkedHashMap<String, String>();
        config.put("configUrl", swaggerConfig);
        config.put("oauth2RedirectUrl", uiBase + "/oauth2-redirect.html");
        config.put("url", apiDocs);
        config.put("validatorUrl", "");
        return JsonMapper.shared().writeValueAsBytes(config);
    }

    /** Writes the file {@code name} of the UI, or a 404. */
    void file(String name, HttpServletResponse response) throws IOException {
        var resource = FILE.matcher(name).matches() ? new ClassPathResource(directory.obtain() + name) : null;
        if (resource == null || !resource.exists()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM).toString());
        if (name.equals(INITIALIZER)) {
            var script = initializer(resource).getBytes(StandardCharsets.UTF_8);
            response.setHeader("Cache-Control", "no-store");
            response.setContentLength(script.length);
            response.getOutputStream().write(script);
            return;
        }
        response.setContentLengthLong(resource.contentLength());
        try (var in = resource.getInputStream()) {
            in.transferTo(response.getOutputStream());
        }
    }

    /** The jar's initializer, told to read {@code swagger-config} (which names the description) instead of the petstore. */
    private String initializer(ClassPathResource resource) throws IOException {
        try (var in = resource.getInputStream()) {
            var script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return script.replace(LAYOUT, LAYOUT + " ,\n\n  \"configUrl\" : \"" + swaggerConfig + "\",\n  \"validatorUrl\" : \"\"\n");
        }
    }
}
