package dev.switchboard.routing;

import static dev.switchboard.testing.MockUpstream.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.switchboard.testing.AnthropicUpstream;
import dev.switchboard.testing.SseEvents;
import org.junit.jupiter.api.Test;

/**
 * Fallbacks across providers and dialects: the request's {@code fallbacks} (never forwarded), the catalog's chain, the
 * larger-context model; the answer names the serving model; each attempt that reached a provider has its own record
 * under the one request id; bad fallbacks are refused in the caller's dialect before any upstream call.
 */
class FallbacksTest extends RoutingTestSupport {

    @Test
    void shouldFallBackFromOpenAiToAnthropicForAnOpenAiCaller() {
        var user = newUser();
        var claude = model("fb-claude", "anthropic", "claude-haiku-4-5", "");
        var primary = model("fb-gpt", "openai", "gpt-4o", "");
        OPENAI.mock().failNext(status(503));

        var response = chat(user, primary, ",\"fallbacks\":[\"" + claude + "\"]", "x-request-id", "req-fb-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-switchboard-model")).hasValue(claude);
        assertThat(response.headers().firstValue("x-switchboard-attempts")).hasValue("2");
        assertThat(json(response).path("object").asString()).isEqualTo("chat.completion");
        assertThat(json(response).path("model").asString()).isEqualTo("claude-haiku-4-5");
        assertThat(records(user)).extracting(r -> r.get("provider") + " " + r.get("model") + " " + r.get("status"))
                .containsExactly("openai " + primary + " error", "anthropic " + claude + " ok");
        assertThat(records(user)).extracting(r -> r.get("request_id")).containsOnly("req-fb-1");
        assertThat(OPENAI.mock().lastRequest().json().has("fallbacks")).isFalse();
        assertThat(ANTHROPIC.mock().lastRequest().json().has("fallbacks")).isFalse();
        var metrics = metrics();
        assertThat(metrics).contains("switchboard_routing_fallbacks_total{model=\"" + primary + "\",reason=\"transient\"} 1.0");
        assertThat(metrics).doesNotContain("switchboard_routing_fallbacks_total{model=\"" + claude + "\"");
        assertThat(metrics).doesNotContain("switchboard_routing_retries_total{model=\"" + primary + "\"");
    }

    @Test
    void shouldFallBackFromAnthropicToOpenAiForAnAnthropicCallerAndNameTheFallbackInTheMessage() {
        var user = newUser();
        var gpt = model("fb-gpt", "openai", "gpt-4o", "");
        var primary = model("fb-claude", "anthropic", "claude-haiku-4-5", "");
        ANTHROPIC.mock().failNext(status(529, AnthropicUpstream.errorJson("overloaded_error", "Overloaded")));

        var response = messages(user, primary, ",\"fallbacks\":[\"" + gpt + "\"]");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("type").asString()).isEqualTo("message");
        assertThat(json(response).path("model").asString()).isEqualTo(gpt);
        assertThat(response.headers().firstValue("x-switchboard-model")).hasValue(gpt);
        assertThat(records(user)).extracting(r -> r.get("provider")).containsExactly("anthropic", "openai");
    }

    @Test
    void shouldStreamFromTheFallbackInTheAnthropicDialect() throws Exception {
        var user = newUser();
        var gpt = model("fb-gpt", "openai", "gpt-4o", "");
        var primary = model("fb-claude", "anthropic", "claude-haiku-4-5", "\"fallbacks\":[\"" + gpt + "\"]");
        ANTHROPIC.mock().failNext(status(500, AnthropicUpstream.errorJson("api_error", "Internal")));

        var request = HttpRequest.newBuilder(URI.create(url("/v1/messages")))
                .header("Content-Type", "application/json").header("x-api-key", user.secret()).header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"%s","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"Hello"}]}""".formatted(primary)))
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        var events = SseEvents.parse(response.body());

        assertThat(response.headers().firstValue("x-switchboard-model")).hasValue(gpt);
        assertThat(events.getFirst().json().path("message").path("model").asString()).isEqualTo(gpt);
        assertThat(events.getLast().name()).isEqualTo("message_stop");
        assertThat(records(user)).extracting(r -> r.get("status")).containsExactly("error", "ok");
    }

    @Test
    void shouldFollowTheCatalogsChainWhenTheRequestNamesNone() {
        var user = newUser();
        var last = model("fb-last", "google", "gemini-2.5-flash", "");
        var middle = model("fb-middle", "anthropic", "claude-haiku-4-5", "\"fallbacks\":[\"" + last + "\"]");
        var primary = model("fb-gpt", "openai", "gpt-4o", "\"fallbacks\":[\"" + middle + "\"]");
        OPENAI.mock().failNext(status(502));
        ANTHROPIC.mock().failNext(status(503));

        var response = chat(user, primary, "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-switchboard-model")).hasValue(last);
        assertThat(response.headers().firstValue("x-switchboard-attempts")).hasValue("3");
        assertThat(records(user)).extracting(r -> r.get("provider")).containsExactly("openai", "anthropic", "google");
    }

    @Test
    void shouldFallBackToTheLargerContextModelWhenThePromptDoesNotFit() {
        var user = newUser();
        var larger = model("fb-large", "anthropic", "claude-sonnet-4-5", "");
        var other = model("fb-other", "google", "gemini-2.5-flash", "");
        var primary = model("fb-small", "openai", "gpt-4o-mini", "\"fallbacks\":[\"" + other + "\"],\"context_window_fallback\":\"" + larger + "\"");
        OPENAI.mock().failNext(status(400, """
                {"error":{"message":"This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.",
                "type":"invalid_request_error","code":"context_length_exceeded"}}"""));

        var response = chat(user, primary, "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-switchboard-model")).hasValue(larger);
        assertThat(GOOGLE.mock().requests()).isEmpty();
        assertThat(metrics())
                .contains("switchboard_routing_fallbacks_total{model=\"" + primary + "\",reason=\"context_window\"} 1.0");
    }

    @Test
    void shouldRefuseFallbacksThatAreNotAListOfNamesInEachDialect() {
        var user = newUser();
        var primary = model("fb-gpt", "openai", "gpt-4o", "");

        var openAi = chat(user, primary, ",\"fallbacks\":\"gpt-4o-mini\"");
        var anthropic = messages(user, primary, ",\"fallbacks\":[42]");

        assertThat(openAi.statusCode()).isEqualTo(400);
        assertThat(json(openAi).path("error").path("param").asString()).isEqualTo("fallbacks");
        assertThat(anthropic.statusCode()).isEqualTo(400);
        assertThat(json(anthropic).path("type").asString()).isEqualTo("error");
        assertThat(json(anthropic).path("error").path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(OPENAI.mock().requests()).isEmpty();
    }

    @Test
    void shouldRefuseAnUnknownAnUnusableOrALoopingFallbackBeforeAnyUpstreamCall() {
        var user = newUser();
        var primary = model("fb-gpt", "openai", "gpt-4o", "");

        var unknown = chat(user, primary, ",\"fallbacks\":[\"no-such-model\"]");
        var unusable = chat(user, primary, ",\"fallbacks\":[\"text-embedding-3-small\"]");
        var loop = chat(user, primary, ",\"fallbacks\":[\"gpt-4o-mini\",\"" + primary + "\"]");
        var twice = messages(user, primary, ",\"fallbacks\":[\"gpt-4o-mini\",\"gpt-4o-mini\"]");

        assertThat(json(unknown).path("error").path("code").asString()).isEqualTo("fallback_model_not_found");
        assertThat(json(unusable).path("error").path("code").asString()).isEqualTo("fallback_model_unusable");
        assertThat(json(loop).path("error").path("code").asString()).isEqualTo("fallback_loop");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(json(twice).path("error").path("message").asString()).contains("loops");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(OPENAI.mock().requests()).isEmpty();
        assertThat(records(user)).isEmpty();
    }

    @Test
    void shouldNeverSendARequestsOwnKeyToAnotherProvider() {
        var user = newUser();
        var claude = model("fb-claude", "anthropic", "claude-haiku-4-5", "");
        var primary = model("fb-byok", "openai", "gpt-4o", """
                "deployments":[{"provider":"openai","upstream_model":"gpt-4o"},{"provider":"openrouter","upstream_model":"openai/gpt-4o","weight":1000}],
                "max_retries":1,"fallbacks":["%s"]""".formatted(claude));
        var byok = "sk-byok-own-key-0123456789abcdefghij";
        OPENAI.mock().failNext(status(503), status(503));

        var refused = chat(user, primary, ",\"fallbacks\":[\"" + claude + "\"]", "X-BYOK-API-Key", byok);
        var served = chat(user, primary, "", "X-BYOK-API-Key", byok);

        assertThat(json(refused).path("error").path("code").asString()).isEqualTo("fallback_model_unusable");
        assertThat(served.statusCode()).isEqualTo(502);
        assertThat(OPENAI.mock().requests()).hasSize(2).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + byok));
        assertThat(OPENROUTER.mock().requests()).isEmpty();
        assertThat(ANTHROPIC.mock().requests()).isEmpty();
    }
}
