package dev.switchboard.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI description as springdoc wrote it at build time ({@code openapi/switchboard.json} and {@code .yaml},
 * committed, kept equal to the code by {@code ApiDescriptionTest}), with the one part that depends on where it is read
 * added on each request: {@code servers}, the gateway's main port as the caller reached this host (what springdoc put
 * there, so Swagger UI's "Try it out" calls the API even when the docs are read on the management port). Read from the
 * class path on each request and not kept: the docs are asked for rarely, and a resident copy would cost every gateway
 * memory for them.
 */
final class ApiDescription {

    static final String JSON = "openapi/switchboard.json";
    static final String YAML = "openapi/switchboard.yaml";
    /** springdoc's media type for the YAML variant. */
    static final String YAML_TYPE = "application/vnd.oai.openapi";
    private static final String SERVER_DESCRIPTION = "Generated server url";
    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("(?m)^([A-Za-z][A-Za-z0-9_-]*):");
    private static final Pattern PLAIN_YAML = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9.:\\[\\]%_-]+(/[A-Za-z0-9./_-]*)?");

    private ApiDescription() {
    }

    /** The JSON description, compact, with {@code server} as its one server, after {@code info} as springdoc wrote it. */
    static byte[] json(String server) {
        var committed = (ObjectNode) JsonMapper.shared().readTree(read(JSON));
        var description = JsonMapper.shared().createObjectNode();
        committed.properties().forEach(property -> {
            description.set(property.getKey(), property.getValue());
            if (property.getKey().equals("info")) {
                description.putArray("servers").addObject().put("url", server).put("description", SERVER_DESCRIPTION);
            }
        });
        return JsonMapper.shared().writeValueAsBytes(description);
    }

    /** The YAML description with {@code server}, after the {@code info} block as springdoc wrote it. */
    static byte[] yaml(String server) {
        var url = PLAIN_YAML.matcher(server).matches() ? server : JsonMapper.shared().writeValueAsString(server);
        var servers = "servers:\n- description: " + SERVER_DESCRIPTION + "\n  url: " + url + "\n";
        var yaml = new String(read(YAML), StandardCharsets.UTF_8);
        var afterInfo = TOP_LEVEL_KEY.matcher(yaml).results().dropWhile(key -> !key.group(1).equals("info")).skip(1).findFirst();
        var at = afterInfo.map(MatchResult::start).orElse(yaml.length());
        return (yaml.substring(0, at) + servers + yaml.substring(at)).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] read(String resource) {
        try (var in = new ClassPathResource(resource).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(resource + " is missing from the build: see README, \"Health, metrics and API docs\"", e);
        }
    }
}
