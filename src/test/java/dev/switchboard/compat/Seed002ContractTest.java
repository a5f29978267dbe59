package dev.switchboard.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import java.util.UUID;

import dev.switchboard.testing.PeopleTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Seed 002 (LLMHub), the calls its document shows: the health check, the Swagger UI and the ReDoc reference (a page
 * that loads nothing from elsewhere; both on the management port now), a key in {@code X-API-Key}, its
 * generate-content call exactly as in "API Testing" with an API client's key, and its web console's routers under
 * {@code /api/v1}: the prompt library, the billing reports and the admin views (admin only).
 */
class Seed002ContractTest extends PeopleTestSupport {

    private final HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @Test
    void shouldAnswerTheHealthCheck() {
        var health = get("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).path("status").asString()).isEqualTo("ok");
    }

    /** The Swagger UI and the ReDoc page live on the management port now ({@code SWITCHBOARD_DOCS_ON_MANAGEMENT_PORT}). */
    @Test
    void shouldServeSwaggerUiAndReDocOnTheManagementPort() throws Exception {
        var docs = following.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/swagger-ui")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).containsIgnoringCase("swagger");

        var redoc = management("/actuator/redoc");
        assertThat(redoc.statusCode()).isEqualTo(200);
        assertThat(redoc.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(redoc.body()).contains("fetch('/actuator/openapi')").doesNotContain("src=\"http").doesNotContain("href=\"http");
        assertThat(json(management("/actuator/openapi")).path("paths").has("/api/llm/keys")).isTrue();
    }

    @Test
    void shouldTakeAGatewayKeyInXApiKey() {
        var user = newUser();
        OPENAI.willReply("Test", 3, 2);

        var call = postJson("/v1/chat/completions", """
                {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Test"}]}""", "X-API-Key", user.secret());

        assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
        assertThat(get("/api/users/me", "X-API-Key", "sk-sb-not-a-key-of-anyone-0000").statusCode()).isEqualTo(401);
    }

    @Test
    void shouldGenerateContentAsTheDocumentsCurlDoesWithAnApiClientsKey() {
        var client = postJson("/api/admin/api-clients", "{\"name\": \"recloud-marketing-" + UUID.randomUUID() + "\"}", "Authorization", ADMIN);
        assertThat(client.statusCode()).as(client.body()).isEqualTo(201);
        var key = json(client).path("api_key").asString();
        ANTHROPIC.willReply("Test content", 7, 3);

        var generated = postJson("/api/v1/llm/generate-content", """
                {"prompt": "Test", "languages": ["en"], "provider": "claude"}""", "X-API-Key", key);

        assertThat(generated.statusCode()).as(generated.body()).isEqualTo(200);
        var result = json(generated).path("results").get(0);
        assertThat(result.path("language").asString()).isEqualTo("en");
        assertThat(result.path("content").asString()).isEqualTo("Test content");
        assertThat(result.path("output_tokens").asLong()).isEqualTo(3);
        assertThat(json(generated).path("total_cost_usd").decimalValue()).isPositive();
        assertThat(postJson("/api/v1/llm/generate-content", "{\"prompt\": \"Test\", \"languages\": [\"en\"], \"provider\": \"claude\"}",
                "X-API-Key", "sk-sb-not-a-key-of-anyone-0000").statusCode()).isEqualTo(401);
    }

    @Test
    void shouldServeThePromptLibraryUnderApiV1() {
        var user = tokenOf(createPerson("user"));
        var name = "greeting-" + UUID.randomUUID();

        var created = postJson("/api/v1/prompts", """
                {"name": "%s", "type": "marketing", "body": "Write a short greeting."}""".formatted(name), "Authorization", user);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var id = json(created).path("id").asString();
        assertThat(get("/api/v1/prompts", "Authorization", user).body()).contains(name);
        assertThat(json(get("/api/v1/prompts/" + id, "Authorization", user)).path("name").asString()).isEqualTo(name);
        assertThat(request("PUT", "/api/v1/prompts/" + id, "{\"description\": \"hello\"}", "Authorization", user).statusCode()).isEqualTo(200);
        var unknown = postJson("/api/v1/prompts", "{\"name\": \"x\", \"type\": \"t\", \"body\": \"b\", \"template_name\": \"x\"}",
                "Authorization", user);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(get("/api/v1/prompts/" + id, "Authorization", tokenOf(createPerson("user")))).path("status").asInt()).isEqualTo(404);
        assertThat(request("DELETE", "/api/v1/prompts/" + id, null, "Authorization", user).statusCode()).isEqualTo(204);
    }

    @Test
    void shouldServeTheBillingAndAdminViewsToAdminsOnly() {
        var user = tokenOf(createPerson("user"));
        var name = "sales-admin-" + UUID.randomUUID();
        postJson("/api/admin/api-clients", "{\"name\": \"" + name + "\"}", "Authorization", ADMIN);

        var usage = get("/api/v1/billing/usage?days=30&group_by=model", "Authorization", ADMIN);
        assertThat(usage.statusCode()).as(usage.body()).isEqualTo(200);
        assertThat(usage.body()).isEqualTo(get("/api/admin/billing/usage?days=30&group_by=model", "Authorization", ADMIN).body());
        assertThat(get("/api/v1/billing/costs?days=7", "Authorization", ADMIN).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/admin/api-clients", "Authorization", ADMIN).body()).contains(name);
        assertThat(get("/api/v1/billing/usage?group_by=nonsense", "Authorization", ADMIN).statusCode()).isEqualTo(400);

        assertThat(get("/api/v1/billing/usage", "Authorization", user).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/admin/api-clients", "Authorization", user).statusCode()).isEqualTo(403);
        assertThat(postJson("/api/v1/admin/api-clients", "{\"name\": \"mine\"}", "Authorization", user).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/admin/api-clients").statusCode()).isEqualTo(401);
    }
}
