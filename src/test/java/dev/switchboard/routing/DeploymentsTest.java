package dev.switchboard.routing;

import static dev.switchboard.testing.MockUpstream.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.vault.KeyPool;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A model served by several deployments, as the admin API configures it: the list, strategy and fallbacks are kept and
 * shown with each deployment's health; calls spread over the deployments; a deployment that keeps failing cools down
 * (skipped, shown in the admin view and the metrics) while the other serves.
 */
class DeploymentsTest extends RoutingTestSupport {

    @Autowired
    KeyPool pool;

    private static final String TWO_DEPLOYMENTS = """
            "deployments":[{"provider":"openai","upstream_model":"gpt-4o","weight":%d},
                           {"provider":"openrouter","upstream_model":"openai/gpt-4o","weight":%d}]""";

    @Test
    void shouldKeepAndShowTheRoutingFieldsWithEachDeploymentsHealth() {
        var fallback = model("dep-fb", "anthropic", "claude-haiku-4-5", "");
        var name = model("dep", "openai", "gpt-4o", TWO_DEPLOYMENTS.formatted(3, 1)
                + ",\"strategy\":\"least_busy\",\"max_retries\":1,\"fallbacks\":[\"" + fallback + "\"],\"stream_idle_timeout_ms\":5000");

        var view = adminModel(name);

        assertThat(view.path("strategy").asString()).isEqualTo("least_busy");
        assertThat(view.path("max_retries").asInt()).isEqualTo(1);
        assertThat(view.path("fallbacks").get(0).asString()).isEqualTo(fallback);
        assertThat(view.path("stream_idle_timeout_ms").asLong()).isEqualTo(5000);
        var deployments = view.path("deployments");
        assertThat(deployments).hasSize(2);
        assertThat(deployments.get(1).path("id").asString()).isEqualTo("openrouter/openai/gpt-4o");
        assertThat(deployments.get(0).path("weight").asInt()).isEqualTo(3);
        assertThat(deployments.get(0).path("cooling_down").asBoolean(true)).isFalse();
        assertThat(deployments.get(0).path("in_flight").asInt()).isZero();
    }

    @Test
    void shouldShowAModelWithoutDeploymentsAsServedByItsOwnProvider() {
        var name = model("dep-plain", "openai", "gpt-4o", "");

        var view = adminModel(name);

        assertThat(view.path("strategy").asString()).isEqualTo("weighted");
        assertThat(view.path("deployments").get(0).path("id").asString()).isEqualTo("openai/gpt-4o");
    }

    @Test
    void shouldRefuseBadRoutingFieldsNamingTheField() {
        var strategy = admin("POST", "/api/admin/models", """
                {"name":"dep-bad","provider":"openai","input_price_per_1m":"1","output_price_per_1m":"1","strategy":"fastest"}""");
        var provider = admin("POST", "/api/admin/models", """
                {"name":"dep-bad","provider":"openai","input_price_per_1m":"1","output_price_per_1m":"1",
                 "deployments":[{"provider":"nope","upstream_model":"x"}]}""");
        var weight = admin("POST", "/api/admin/models", """
                {"name":"dep-bad","provider":"openai","input_price_per_1m":"1","output_price_per_1m":"1",
                 "deployments":[{"provider":"openai","upstream_model":"x","weight":0}]}""");
        var fallback = admin("POST", "/api/admin/models", """
                {"name":"dep-bad","provider":"openai","input_price_per_1m":"1","output_price_per_1m":"1","fallbacks":["nothing-by-that-name"]}""");

        assertThat(strategy.statusCode()).isEqualTo(400);
        assertThat(json(strategy).path("field").asString()).isEqualTo("strategy");
        assertThat(json(provider).path("field").asString()).isEqualTo("deployments");
        assertThat(json(weight).path("field").asString()).isEqualTo("deployments[0].weight");
        assertThat(json(fallback).path("field").asString()).isEqualTo("fallbacks");
    }

    @Test
    void shouldSpreadCallsOverTheDeploymentsEachWithItsOwnUpstreamModel() {
        var user = newUser();
        var name = model("dep-spread", "openai", "gpt-4o", TWO_DEPLOYMENTS.formatted(1, 1));

        for (var i = 0; i < 30; i++) {
            assertThat(chat(user, name, "").statusCode()).isEqualTo(200);
        }

        assertThat(OPENAI.mock().requests()).isNotEmpty();
        assertThat(OPENROUTER.mock().requests()).isNotEmpty();
        assertThat(OPENAI.mock().requests().size() + OPENROUTER.mock().requests().size()).isEqualTo(30);
        assertThat(OPENROUTER.mock().lastRequest().json().path("model").asString()).isEqualTo("openai/gpt-4o");
        assertThat(records(user)).extracting(r -> r.get("model")).containsOnly(name);
    }

    @Test
    void shouldCoolDownADeploymentThatKeepsFailingAndServeFromTheOther() {
        var user = newUser();
        var name = model("dep-cool", "openai", "gpt-4o", TWO_DEPLOYMENTS.formatted(50, 1) + ",\"max_retries\":1");
        OPENAI.willFail(503, "{\"error\":{\"message\":\"over capacity\"}}");

        for (var i = 0; i < 12; i++) {
            assertThat(chat(user, name, "").statusCode()).isEqualTo(200);
        }

        assertThat(OPENAI.mock().requests()).hasSize(3);
        var deployments = adminModel(name).path("deployments");
        assertThat(deployments.get(0).path("cooling_down").asBoolean()).isTrue();
        assertThat(deployments.get(0).path("cooldown_until").isString()).isTrue();
        assertThat(deployments.get(1).path("cooling_down").asBoolean()).isFalse();
        assertThat(deployments.get(1).path("latency_ms").isNumber()).isTrue();
        var metrics = metrics();
        assertThat(metrics).contains("switchboard_deployment_cooling_down{deployment=\"openai/gpt-4o\",model=\"" + name + "\"} 1.0");
        assertThat(metrics).contains("switchboard_deployment_cooldowns_total{deployment=\"openai/gpt-4o\",model=\"" + name + "\"} 1.0");
    }

    @Test
    void shouldRetryOnADeploymentNotYetTriedFirst() {
        var user = newUser();
        var name = model("dep-retry", "openai", "gpt-4o", TWO_DEPLOYMENTS.formatted(1, 1) + ",\"max_retries\":2");
        OPENAI.mock().failNext(status(500));
        OPENROUTER.mock().failNext(status(500));
        SLEPT.clear();

        var response = chat(user, name, "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SLEPT).as("no wait before the untried deployment, one before going back to a tried one").hasSize(1);
        var records = records(user);
        assertThat(records).extracting(r -> r.get("status")).containsExactly("error", "error", "ok");
        assertThat(records.subList(0, 2)).extracting(r -> r.get("provider")).containsExactlyInAnyOrder("openai", "openrouter");
    }

    @Test
    void shouldServeADeploymentPinnedToAPoolKeyWithThatKey() {
        var user = newUser();
        var first = json(admin("POST", "/api/admin/llm-keys", """
                {"provider":"github","name":"pin-a","api_key":"github_pat_pinned-aaaaaaaaaaaaaaaa1111","priority":1}"""));
        var second = json(admin("POST", "/api/admin/llm-keys", """
                {"provider":"github","name":"pin-b","api_key":"github_pat_pinned-bbbbbbbbbbbbbbbb2222","priority":2}"""));
        try {
            var pinned = second.path("id").asString();
            var name = model("dep-pin", "github", "gpt-4o", """
                    "deployments":[{"provider":"github","upstream_model":"gpt-4o","pool_key_id":"%s"}]""".formatted(pinned));

            var response = chat(user, name, "");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(GITHUB_MODELS.mock().lastRequest().header("Authorization")).isEqualTo("Bearer github_pat_pinned-bbbbbbbbbbbbbbbb2222");
            assertThat(jdbc.sql("SELECT credential_id FROM usage_records WHERE user_id = ?").param(user.id()).query(String.class).single())
                    .isEqualTo(pinned);
            assertThat(adminModel(name).path("deployments").get(0).path("pool_key_id").asString()).isEqualTo(pinned);
            assertThat(first.path("id").asString()).isNotEqualTo(pinned);
        } finally {
            jdbc.sql("DELETE FROM provider_keys WHERE provider_id = 'github'").update();
            pool.reload();
        }
    }
}
