package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Helpers for people and their keys: users created through the admin API with a real password, logins, and the
 * management verbs. Every response a test receives is kept in {@link #responses} (for the leak scan).
 */
public abstract class PeopleTestSupport extends GatewayTestSupport {

    protected static final String ADMIN = "Bearer " + ADMIN_API_KEY;
    protected final List<HttpResponse<String>> responses = new CopyOnWriteArrayList<>();

    @Override
    protected HttpResponse<String> send(HttpRequest request) {
        var response = super.send(request);
        responses.add(response);
        return response;
    }

    /** A new user made by the admin API, with a password of its own. */
    protected Person createPerson(String role) {
        var email = "person-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        var password = "pw-" + UUID.randomUUID();
        var response = postJson("/api/admin/users", """
                {"email":"%s","password":"%s","role":"%s","full_name":"Test Person"}""".formatted(email, password, role),
                "Authorization", ADMIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new Person(json(response).path("id").asString(), email, password);
    }

    protected HttpResponse<String> login(String username, String password) {
        var form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(url("/api/login/access-token")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** {@code Bearer <access token>} for that person. */
    protected String tokenOf(Person person) {
        var response = login(person.email(), person.password());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return "Bearer " + json(response).path("access_token").asString();
    }

    protected HttpResponse<String> request(String method, String path, String json, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    protected HttpResponse<String> patchJson(String path, String json, String... headers) {
        return request("PATCH", path, json, headers);
    }

    protected HttpResponse<String> putJson(String path, String json, String... headers) {
        return request("PUT", path, json, headers);
    }

    protected HttpResponse<String> delete(String path, String... headers) {
        return request("DELETE", path, null, headers);
    }

    protected HttpResponse<String> chat(String model, String... headers) {
        return postJson("/v1/chat/completions", """
                {"model":"%s","messages":[{"role":"user","content":"Hi"}]}""".formatted(model), headers);
    }

    /** The response is an RFC 9457 problem with that status. */
    protected static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        var body = json(response);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("detail").asString()).isNotBlank();
        assertThat(body.has("trace")).isFalse();
        assertThat(body.has("timestamp")).isFalse();
    }

    public record Person(String id, String email, String password) {
        @Override
        public String toString() {
            return "Person[" + email + "]";
        }
    }
}
