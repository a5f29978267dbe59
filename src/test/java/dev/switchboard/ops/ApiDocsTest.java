package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The API description, the Swagger UI and the ReDoc-style page, on the management port, as the gateway serves them: the
 * committed description (no springdoc in this context) lists every route the application maps.
 */
class ApiDocsTest extends GatewayTestSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void shouldDescribeThePublicApiWithoutAuthentication() {
        var response = management("/actuator/openapi");

        assertThat(response.statusCode()).isEqualTo(200);
        var paths = json(response).path("paths");
        assertThat(paths.has("/v1/chat/completions")).isTrue();
        assertThat(paths.has("/v1/messages")).isTrue();
        assertThat(paths.has("/api/login/access-token")).isTrue();
        assertThat(paths.has("/api/admin/users")).isTrue();
        assertThat(json(response).path("components").path("securitySchemes").has("bearer")).isTrue();
        assertThat(json(response).path("servers").path(0).path("url").asString()).isEqualTo("http://127.0.0.1:" + port);
    }

    @Test
    void shouldListEveryRouteTheApplicationMaps() {
        var paths = json(management("/actuator/openapi")).path("paths");
        var routes = routes();

        assertThat(routes).hasSizeGreaterThan(100).contains("POST /v1/chat/completions", "GET /api/admin/users");
        assertThat(routes).allSatisfy(route -> assertThat(listed(paths, route)).as(route + " in the API description").isTrue());
    }

    @Test
    void shouldServeTheYamlVariant() {
        var yaml = management("/actuator/openapi/yaml");

        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).startsWith("openapi: 3.1.0\ninfo:\n").contains("\n  /v1/chat/completions:\n")
                .contains("\n  version: v1\nservers:\n- description: Generated server url\n  url: http://127.0.0.1:" + port + "\nsecurity:\n");
    }

    @Test
    void shouldServeTheBrowsableDocsAndTheReferencePage() throws Exception {
        var following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        var ui = following.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/swagger-ui")).build(),
                HttpResponse.BodyHandlers.ofString());
        var redoc = management("/actuator/redoc");

        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.uri().getPath()).isEqualTo("/actuator/swagger-ui/index.html");
        assertThat(ui.body()).containsIgnoringCase("swagger").contains("swagger-initializer.js");
        assertThat(redoc.statusCode()).isEqualTo(200);
        assertThat(redoc.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(redoc.body()).contains("fetch('/actuator/openapi')").doesNotContain("/v3/api-docs");
    }

    /** The UI's initializer reads swagger-config, which names the description; its scripts are the WebJar's. */
    @Test
    void shouldPointTheUiAtTheDescription() {
        var initializer = management("/actuator/swagger-ui/swagger-initializer.js");
        var config = json(management("/actuator/swagger-ui/swagger-config"));
        var bundle = management("/actuator/swagger-ui/swagger-ui-bundle.js");

        assertThat(initializer.body()).contains("\"configUrl\" : \"/actuator/swagger-ui/swagger-config\"");
        assertThat(config.path("url").asString()).isEqualTo("/actuator/openapi");
        assertThat(management(config.path("url").asString()).statusCode()).isEqualTo(200);
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        assertThat(management("/actuator/swagger-ui/..%2F..%2Fops%2Fredoc.html").statusCode()).isIn(400, 404);
        assertThat(management("/actuator/swagger-ui/nothing.js").statusCode()).isEqualTo(404);
    }

    /**
     * Every {@code METHOD /path} of the application's API: the handlers that answer with a body ({@code @RestController}
     * or {@code @ResponseBody}), not the console's pages (HTML views) nor Spring's error page.
     */
    private List<String> routes() {
        var routes = new ArrayList<String>();
        mappings.getHandlerMethods().forEach((info, handler) -> info.getPatternValues().stream()
                .filter(pattern -> !pattern.equals("/error") && answersWithABody(handler))
                .forEach(pattern -> {
                    var methods = info.getMethodsCondition().getMethods();
                    (methods.isEmpty() ? List.of(RequestMethod.GET) : methods).forEach(m -> routes.add(m.name() + " " + pattern));
                }));
        return routes;
    }

    private static boolean answersWithABody(HandlerMethod handler) {
        return handler.hasMethodAnnotation(ResponseBody.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class);
    }

    private static boolean listed(JsonNode paths, String route) {
        var method = route.substring(0, route.indexOf(' ')).toLowerCase();
        var path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{\\*?([^}:]+)(:[^}]*)?}", "{$1}");
        return paths.path(path).has(method);
    }
}
