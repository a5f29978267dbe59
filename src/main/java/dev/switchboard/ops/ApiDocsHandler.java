package dev.switchboard.ops;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.function.ToIntFunction;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The API docs under one set of {@link Paths}: the committed OpenAPI description ({@link ApiDescription}, JSON and
 * YAML), and the Swagger UI that reads it ({@link SwaggerUi}). The paths and answers are those springdoc gave before it
 * became a build-time tool: the UI's address redirects to its {@code index.html}, whose initializer reads
 * {@code swagger-config}, which names the description.
 */
final class ApiDocsHandler implements HttpRequestHandler {

    /**
     * Where each part answers: the description ({@code apiDocs}, {@code yaml}), the UI's address ({@code ui}, which
     * redirects into {@code uiFiles}) and its settings ({@code swaggerConfig}).
     */
    record Paths(String apiDocs, String yaml, String ui, String uiFiles, String swaggerConfig) {

        /** {@code SWITCHBOARD_DOCS_ON_MANAGEMENT_PORT=false}: springdoc's defaults, with the UI at seed 002's {@code /docs}. */
        static Paths mainPort() {
            return new Paths("/v3/api-docs", "/v3/api-docs.yaml", "/docs", "/swagger-ui", "/v3/api-docs/swagger-config");
        }

        /** The default: as springdoc's actuator endpoints, under the management port's {@code base} path. */
        static Paths management(String base) {
            return new Paths(base + "/openapi", base + "/openapi/yaml", base + "/swagger-ui", base + "/swagger-ui",
                    base + "/swagger-ui/swagger-config");
        }

        /** The patterns to map to the handler. */
        String[] patterns() {
            return new String[] {apiDocs, yaml, ui, swaggerConfig, uiFiles + "/*"};
        }
    }

    private final Paths paths;
    private final ToIntFunction<HttpServletRequest> apiPort;
    private final SwaggerUi ui;

    /** {@code apiPort}: the port of the API for a request, which the description's {@code servers} names. */
    ApiDocsHandler(Paths paths, ToIntFunction<HttpServletRequest> apiPort) {
        this.paths = paths;
        this.apiPort = apiPort;
        this.ui = new SwaggerUi(paths.apiDocs(), paths.swaggerConfig());
    }

    Paths paths() {
        return paths;
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        var path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(paths.apiDocs())) {
            write(response, MediaType.APPLICATION_JSON_VALUE, ApiDescription.json(server(request)));
        } else if (path.equals(paths.yaml())) {
            write(response, ApiDescription.YAML_TYPE, ApiDescription.yaml(server(request)));
        } else if (path.equals(paths.ui())) {
            redirectToUi(request, response);
        } else if (path.equals(paths.swaggerConfig())) {
            write(response, MediaType.APPLICATION_JSON_VALUE, ui.config(origin(request, request.getServerPort()) + request.getContextPath() + paths.uiFiles()));
        } else {
            ui.file(path.substring(paths.uiFiles().length() + 1), response);
        }
    }

    /** springdoc's redirect: to the UI's {@code index.html}, with the request's query (Swagger UI reads some of it). */
    private void redirectToUi(HttpServletRequest request, HttpServletResponse response) {
        var location = UriComponentsBuilder.fromPath(request.getContextPath() + paths.uiFiles() + "/index.html");
        request.getParameterMap().forEach((name, values) -> location.queryParam(name, (Object[]) values));
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", location.build().encode().toUriString());
    }

    private String server(HttpServletRequest request) {
        return origin(request, apiPort.applyAsInt(request)) + request.getContextPath();
    }

    /** {@code scheme://host:port} as the caller reached this host (the {@code Host} it sent), on {@code port}. */
    static String origin(HttpServletRequest request, int port) {
        try {
            return new URI(request.getScheme(), null, request.getServerName(), port, null, null, null).toString();
        } catch (URISyntaxException e) {
            return request.getScheme() + "://localhost:" + port;
        }
    }

    private static void write(HttpServletResponse response, String type, byte[] body) throws IOException {
        response.setContentType(type);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
