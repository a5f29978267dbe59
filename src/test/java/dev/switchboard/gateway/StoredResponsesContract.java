package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import dev.switchboard.responses.StoredResponses;
import dev.switchboard.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * Stored responses end to end: a conversation continued by {@code previous_response_id} on another provider, read
 * back, listed by input item and deleted by its owner only, kept for the retention period and no longer. Runs on
 * SQLite and on PostgreSQL.
 */
@Import(StoredResponsesContract.Clocked.class)
abstract class StoredResponsesContract extends ResponsesTestSupport {

    static final MutableClock CLOCK = new MutableClock(Instant.now());

    @TestConfiguration
    static class Clocked {
        @Bean
        @Primary
        MutableClock testClock() {
            return CLOCK;
        }
    }

    @Autowired
    StoredResponses stored;

    @Test
    void shouldContinueAConversationStoredFromGroqOnAnthropic() {
        var user = newUser();
        var first = json(postResponses("{\"model\":\"llama-3.1-8b-instant\",\"input\":\"My name is Ada.\"}", user));

        var second = postResponses("{\"model\":\"claude-sonnet-4-5\",\"previous_response_id\":\"" + first.path("id").asString()
                + "\",\"input\":[{\"role\":\"user\",\"content\":\"What is my name?\"}],\"max_output_tokens\":100}", user);

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second).path("previous_response_id").asString()).isEqualTo(first.path("id").asString());
        assertThat(ANTHROPIC.mock().lastRequest().json().path("messages").toString()).isEqualTo("""
                [{"role":"user","content":[{"type":"text","text":"My name is Ada."}]},\
                {"role":"assistant","content":[{"type":"text","text":"Hello from the mock."}]},\
                {"role":"user","content":[{"type":"text","text":"What is my name?"}]}]""");
    }

    @Test
    void shouldFollowAChainOfTurnsBackToTheFirst() {
        var user = newUser();
        var first = json(postResponses("{\"model\":\"llama-3.1-8b-instant\",\"input\":\"One\"}", user)).path("id").asString();
        var second = json(postResponses("{\"model\":\"llama-3.1-8b-instant\",\"input\":\"Two\",\"previous_response_id\":\"" + first + "\"}", user))
                .path("id").asString();

        postResponses("{\"model\":\"llama-3.1-8b-instant\",\"input\":\"Three\",\"previous_response_id\":\"" + second + "\"}", user);

        var messages = GROQ.mock().lastRequest().json().path("messages");
        assertThat(messages).hasSize(5);
        assertThat(messages.get(0).path("content").get(0).path("text").asString()).isEqualTo("One");
        assertThat(messages.get(2).path("content").get(0).path("text").asString()).isEqualTo("Two");
        assertThat(messages.get(3).path("content").asString()).isEqualTo("Hello from the mock.");
        assertThat(messages.get(4).path("content").get(0).path("text").asString()).isEqualTo("Three");
    }

    @Test
    void shouldReadListAndDeleteAStoredResponse() {
        var user = newUser();
        var created = postResponses("""
                {"model":"llama-3.1-8b-instant","input":[{"role":"user","content":"A"},{"role":"user","content":"B"}]}""", user);
        var id = json(created).path("id").asString();

        var read = get("/v1/responses/" + id, "Authorization", bearer(user));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(created.body());

        var items = json(get("/v1/responses/" + id + "/input_items", "Authorization", bearer(user)));
        assertThat(items.path("object").asString()).isEqualTo("list");
        assertThat(items.path("data")).extracting(item -> item.path("content").asString()).containsExactly("B", "A");
        assertThat(items.path("data").get(0).path("id").asString()).startsWith("msg_");
        assertThat(items.path("first_id").asString()).isEqualTo(items.path("data").get(0).path("id").asString());
        assertThat(items.path("has_more").asBoolean()).isFalse();
        var page = json(get("/v1/responses/" + id + "/input_items?order=asc&limit=1", "Authorization", bearer(user)));
        assertThat(page.path("data")).extracting(item -> item.path("content").asString()).containsExactly("A");
        assertThat(page.path("has_more").asBoolean()).isTrue();

        var deleted = postDelete("/v1/responses/" + id, user);
        assertThat(deleted.body()).isEqualTo("{\"id\":\"" + id + "\",\"object\":\"response\",\"deleted\":true}");
        assertThat(get("/v1/responses/" + id, "Authorization", bearer(user)).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldKeepAStreamedResponseAsItsTerminalEventShowedIt() {
        var user = newUser();
        var events = streamResponses("{\"model\":\"llama-3.1-8b-instant\",\"input\":\"Hi\",\"stream\":true}", user);
        var completed = events.getLast().json().path("response");

        var read = json(get("/v1/responses/" + completed.path("id").asString(), "Authorization", bearer(user)));

        assertThat(read).isEqualTo(completed);
    }

    @Test
    void shouldShowNoOneElseAStoredResponse() {
        var owner = newUser();
        var other = newUser();
        var id = json(postResponses("{\"model\":\"llama-3.1-8b-instant\",\"input\":\"Secret\"}", owner)).path("id").asString();

        var read = get("/v1/responses/" + id, "Authorization", bearer(other));
        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(json(read).path("error").path("message").asString()).isEqualTo("Response with id '" + id + "' not found.");
        assertThat(json(read).path("error").path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(get("/v1/responses/" + id + "/input_items", "Authorization", bearer(other)).statusCode()).isEqualTo(404);
        assertThat(postDelete("/v1/responses/" + id, other).statusCode()).isEqualTo(404);
        var continued = postResponses("{\"model\":\"llama-3.1-8b-instant\",\"input\":\"And?\",\"previous_response_id\":\"" + id + "\"}", other);
        assertThat(continued.statusCode()).isEqualTo(400);
        assertThat(json(continued).path("error").path("code").asString()).isEqualTo("previous_response_not_found");
        assertThat(json(continued).path("error").path("param").asString()).isEqualTo("previous_response_id");
        assertThat(get("/v1/responses/" + id, "Authorization", bearer(owner)).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldNotKeepAResponseWithStoreFalse() {
        var user = newUser();
        var id = json(postResponses("{\"model\":\"llama-3.1-8b-instant\",\"input\":\"Hi\",\"store\":false}", user)).path("id").asString();

        assertThat(get("/v1/responses/" + id, "Authorization", bearer(user)).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldForgetAResponseAfterTheRetentionPeriod() {
        var user = newUser();
        var id = json(postResponses("{\"model\":\"llama-3.1-8b-instant\",\"input\":\"Hi\"}", user)).path("id").asString();

        CLOCK.advance(Duration.ofDays(30).minusSeconds(1));
        assertThat(get("/v1/responses/" + id, "Authorization", bearer(user)).statusCode()).isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(get("/v1/responses/" + id, "Authorization", bearer(user)).statusCode()).isEqualTo(404);
        assertThat(stored.sweep()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM stored_responses WHERE id = ?").param(id).query(Long.class).single()).isZero();
    }

    private java.net.http.HttpResponse<String> postDelete(String path, TestUser user) {
        return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path))).header("Authorization", bearer(user)).DELETE().build());
    }
}
