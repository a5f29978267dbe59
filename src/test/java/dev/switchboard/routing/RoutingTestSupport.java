package dev.switchboard.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.switchboard.testing.GatewayTestSupport;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/**
 * The whole gateway with routing's waits recorded instead of slept ({@link #SLEPT}) and a seeded random, and helpers that
 * make a model of its own for each test through the admin API (so that no test's deployments, fallbacks or cooldowns
 * reach another's).
 */
@Import(RoutingTestSupport.Fakes.class)
abstract class RoutingTestSupport extends GatewayTestSupport {

    /** Every wait routing asked for, in order; never slept. */
    static final List<Duration> SLEPT = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class Fakes {
        @Bean
        @Primary
        Sleeper recordingSleeper() {
            return SLEPT::add;
        }

        @Bean
        @Primary
        RoutingRandom seededRandom() {
            return seeded(42);
        }
    }

    static RoutingRandom seeded(long seed) {
        return new RoutingRandom(new SplittableRandom(seed));
    }

    /** Creates a chat model named {@code prefix-<random>} with these extra fields (JSON members, may be empty); answers its name. */
    String model(String prefix, String provider, String upstream, String fields) {
        var name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        var response = admin("POST", "/api/admin/models", """
                {"name":"%s","provider":"%s","upstream_model":"%s","input_price_per_1m":"1","output_price_per_1m":"2"%s}"""
                .formatted(name, provider, upstream, fields.isEmpty() ? "" : "," + fields));
        if (response.statusCode() != 201) {
            throw new AssertionError("could not create " + name + ": " + response.body());
        }
        return name;
    }

    JsonNode adminModel(String name) {
        var id = catalog.model(name).orElseThrow().id();
        return json(admin("GET", "/api/admin/models/" + id, null));
    }

    java.net.http.HttpResponse<String> admin(String method, String path, String body) {
        var builder = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path)))
                .header("Authorization", "Bearer " + ADMIN_API_KEY).header("Content-Type", "application/json");
        builder.method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody() : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        return send(builder.build());
    }

    java.net.http.HttpResponse<String> chat(TestUser user, String model, String extra, String... headers) {
        var all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = bearer(user);
        System.arraycopy(headers, 0, all, 2, headers.length);
        return postJson("/v1/chat/completions", """
                {"model":"%s","messages":[{"role":"user","content":"Hello"}]%s}""".formatted(model, extra), all);
    }

    java.net.http.HttpResponse<String> messages(TestUser user, String model, String extra) {
        return postJson("/v1/messages", """
                {"model":"%s","max_tokens":64,"messages":[{"role":"user","content":"Hello"}]%s}""".formatted(model, extra),
                "x-api-key", user.secret(), "anthropic-version", "2023-06-01");
    }

    /** The user's usage records in order: model, provider, status, http status, request id. */
    List<Map<String, Object>> records(TestUser user) {
        return jdbc.sql("""
                SELECT model, provider_id, status, http_status, request_id FROM usage_records WHERE user_id = ? ORDER BY created_at, rowid""")
                .param(user.id()).query().listOfRows().stream()
                .map(row -> Map.<String, Object>of("model", row.get("model"), "provider", row.get("provider_id"), "status", row.get("status"),
                        "http_status", ((Number) row.get("http_status")).intValue(), "request_id", row.get("request_id")))
                .toList();
    }
}
