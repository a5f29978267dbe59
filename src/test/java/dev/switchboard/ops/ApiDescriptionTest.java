package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.regex.Pattern;

import dev.switchboard.testing.GatewayTestSupport;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The committed API description ({@code src/main/resources/openapi/switchboard.json} and {@code .yaml}) is what springdoc
 * makes of the code, so it can never drift from it silently. springdoc, a test dependency only, is turned on here on the
 * main port with the settings the gateway served it with before (keys sorted); its {@code /v3/api-docs} and
 * {@code /v3/api-docs.yaml} are compared with the files. On a difference the test fails naming the first differing line,
 * with the fresh files in {@code target/openapi/}; {@code -Dswitchboard.docs.update=true} writes them over the committed
 * ones instead (review the diff, commit it).
 *
 * <p>The one part of springdoc's answer that depends on where it runs is {@code servers} (the request's host and
 * port): it is left out of the files, and the gateway adds it when serving ({@link ApiDescription}). Nothing else in it
 * depends on the environment: the docs' own routes are not controllers, and the description is made in the default
 * set-up (docs on the management port, where springdoc's actuator variant described the same routes).
 */
@TestPropertySource(properties = {"springdoc.api-docs.enabled=true", "springdoc.api-docs.path=/v3/api-docs",
        "springdoc.use-management-port=false", "springdoc.writer-with-order-by-keys=true"})
@Import(ApiDescriptionTest.Definition.class)
class ApiDescriptionTest extends GatewayTestSupport {

    static final String UPDATE = "switchboard.docs.update";
    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^[A-Za-z][A-Za-z0-9_-]*:.*");

    /** The description's own part: title, the two ways to authenticate. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Definition {

        @Bean
        OpenAPI switchboardApi() {
            return new OpenAPI()
                    .info(new Info().title("Switchboard").version("v1")
                            .description("Self-hosted LLM gateway: OpenAI- and Anthropic-compatible inference, and the management API."))
                    .components(new Components()
                            .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                    .description("A gateway key (sk-sb-…) or an access token from /api/login/access-token"))
                            .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                    .in(SecurityScheme.In.HEADER).name("X-API-Key")))
                    .addSecurityItem(new SecurityRequirement().addList("bearer"))
                    .addSecurityItem(new SecurityRequirement().addList("apiKey"));
        }
    }

    @Test
    void shouldHaveCommittedTheDescriptionSpringdocMakesOfTheCode() throws IOException {
        var json = get("/v3/api-docs");
        var yaml = get("/v3/api-docs.yaml");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(yaml.statusCode()).isEqualTo(200);

        var stale = new ArrayList<String>();
        check(ApiDescription.JSON, canonicalJson(json.body()), stale);
        check(ApiDescription.YAML, withoutServers(yaml.body()), stale);

        if (!stale.isEmpty()) {
            fail(String.join("\n", stale) + "\nThe API description is generated from the code: regenerate it with\n"
                    + "  ./mvnw -B test -Dtest=ApiDescriptionTest -Dswitchboard.docs.update=true\n"
                    + "then review and commit src/main/resources/openapi/ (README, \"Health, metrics and API docs\").");
        }
    }

    /** The gateway serves the committed files as springdoc served the code: the same JSON, the same YAML text. */
    @Test
    void shouldServeWhatSpringdocServed() {
        var served = management("/actuator/openapi");
        var springdoc = get("/v3/api-docs");

        assertThat(served.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(json(served).equals(json(springdoc)))
                .as("/actuator/openapi is springdoc's /v3/api-docs (the other test names the first difference)").isTrue();
        assertThat(served.body().equals(springdoc.body())).as("and byte for byte").isTrue();
        assertThat(json(served).path("servers").path(0).path("url").asString()).isEqualTo("http://127.0.0.1:" + port);
        var yaml = management("/actuator/openapi/yaml");
        assertThat(yaml.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(ApiDescription.YAML_TYPE));
        assertThat(yaml.body().equals(get("/v3/api-docs.yaml").body())).as("/actuator/openapi/yaml is springdoc's /v3/api-docs.yaml").isTrue();
    }

    /** Compares {@code fresh} with the committed {@code resource}; writes it where the update or the reader wants it. */
    private static void check(String resource, String fresh, ArrayList<String> stale) throws IOException {
        var committed = Path.of(System.getProperty("basedir", "."), "src/main/resources", resource);
        var old = Files.exists(committed) ? Files.readString(committed) : "";
        if (old.equals(fresh)) {
            return;
        }
        if (Boolean.getBoolean(UPDATE)) {
            Files.writeString(committed, fresh);
            System.out.println("Updated " + committed + " (run the tests again: the served copy is the build's)");
            return;
        }
        var copy = Path.of(System.getProperty("basedir", "."), "target", resource);
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, fresh);
        stale.add("src/main/resources/" + resource + " differs from what springdoc makes of the code, " + firstDifference(old, fresh)
                + "; the fresh one is in target/" + resource + ".");
    }

    private static String firstDifference(String committed, String fresh) {
        var a = committed.split("\n", -1);
        var b = fresh.split("\n", -1);
        for (var i = 0; i < Math.max(a.length, b.length); i++) {
            var was = i < a.length ? a[i] : "(end of file)";
            var now = i < b.length ? b[i] : "(end of file)";
            if (!was.equals(now)) {
                return "first at line " + (i + 1) + ": committed `" + was.strip() + "`, generated `" + now.strip() + "`";
            }
        }
        return "in line endings";
    }

    /** springdoc's JSON (its maps' keys sorted) without {@code servers}, pretty-printed: readable, stable diffs. */
    static String canonicalJson(String json) {
        var description = (ObjectNode) JsonMapper.shared().readTree(json);
        description.remove("servers");
        return JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(description) + "\n";
    }

    /** springdoc's YAML (keys sorted already) without its top-level {@code servers} block. */
    static String withoutServers(String yaml) {
        var kept = new StringBuilder();
        var inServers = false;
        for (var line : yaml.split("\n", -1)) {
            if (TOP_LEVEL_KEY.matcher(line).matches()) {
                inServers = line.startsWith("servers:");
            }
            if (!inServers) {
                kept.append(line).append('\n');
            }
        }
        return kept.substring(0, kept.length() - 1);
    }
}
