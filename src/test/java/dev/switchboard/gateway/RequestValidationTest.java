package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed requests are refused before anything is sent, as a 400 in the caller's dialect that names the field: no
 * upstream call and no usage record. Numbers are judged as the JSON wrote them (an integer beyond 64 bits is refused,
 * not truncated), and Switchboard's own fields are never forwarded.
 */
class RequestValidationTest extends AnthropicTestSupport {

    private static final String MESSAGES = "[{\"role\":\"user\",\"content\":\"Hello\"}]";

    @ParameterizedTest
    @ValueSource(strings = {
            "\"max_tokens\":0", "\"max_tokens\":-5", "\"max_tokens\":\"10\"", "\"max_tokens\":1.5",
            "\"max_tokens\":123456789012345678901234567890", "\"max_completion_tokens\":0",
            "\"max_completion_tokens\":99999999999999999999", "\"temperature\":2.5", "\"temperature\":\"hot\"",
            "\"temperature\":-0.1", "\"top_p\":1.5", "\"n\":0", "\"n\":18446744073709551617", "\"n\":\"2\"",
            "\"conversation_id\":42", "\"fallbacks\":\"gpt-4o\"", "\"template\":42", "\"variables\":{\"name\":\"Ada\"}"})
    void shouldRefuseAMalformedChatFieldNamingItWithoutCallingTheProvider(String field) {
        var user = newUser();
        var name = field.substring(1, field.indexOf('"', 1));

        var response = postJson("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":" + MESSAGES + "," + field + "}",
                "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(json(response).path("error").path("param").asString()).isEqualTo(name);
        assertNothingSent(user);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[{\"role\":\"wizard\",\"content\":\"Hello\"}]|messages[0].role",
            "[{\"content\":\"Hello\"}]|messages[0].role",
            "[{\"role\":\"user\",\"content\":42}]|messages[0].content",
            "[{\"role\":\"user\",\"content\":[1,2]}]|messages[0].content",
            "[{\"role\":\"user\",\"content\":[{\"text\":\"no type\"}]}]|messages[0].content",
            "[{\"role\":\"user\"}]|messages[0].content",
            "[\"Hello\"]|messages[0]"})
    void shouldRefuseAMalformedChatMessageNamingIt(String messagesAndParam) {
        var user = newUser();
        var parts = messagesAndParam.split("\\|");

        var response = postJson("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":" + parts[0] + "}",
                "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("param").asString()).isEqualTo(parts[1]);
        assertNothingSent(user);
    }

    @Test
    void shouldAcceptWhatOpenAiAccepts() {
        var user = newUser();
        var body = """
                {"model":"gpt-4o-mini","max_completion_tokens":64,"temperature":0,"top_p":1,"n":1,"messages":[
                 {"role":"developer","content":"Be brief."},
                 {"role":"user","content":[{"type":"text","text":"Hello"}]},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"call_1","content":"42"}]}""";

        var response = postJson("/v1/chat/completions", body, "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"max_tokens\":0", "\"max_tokens\":123456789012345678901234567890", "\"temperature\":1.5",
            "\"top_p\":-1", "\"top_k\":-1", "\"conversation_id\":\"\"", "\"template\":\"t\""})
    void shouldRefuseAMalformedMessagesFieldInAnthropicsForm(String field) {
        var user = newUser();
        var body = field.startsWith("\"max_tokens\"") ? "{\"model\":\"claude-sonnet-4-5\",\"messages\":" + MESSAGES + "," + field + "}"
                : "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":" + MESSAGES + "," + field + "}";
        var name = field.substring(1, field.indexOf('"', 1));

        var response = postMessages(body, user);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("type").asString()).isEqualTo("error");
        assertThat(json(response).path("error").path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(json(response).path("error").path("message").asString()).startsWith(name + ":");
        assertNothingSent(user);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[{\"role\":\"tool\",\"content\":\"Hello\"}]", "[{\"role\":\"user\",\"content\":7}]", "[{\"role\":\"user\"}]"})
    void shouldRefuseAMalformedAnthropicMessage(String messages) {
        var user = newUser();

        var response = postMessages("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":" + messages + "}", user);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("message").asString()).startsWith("messages[0]");
        assertNothingSent(user);
    }

    @Test
    void shouldPassASystemTurnAmongTheMessagesToAnthropicAsItCame() {
        var user = newUser();
        var body = """
                {"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"Hello"},
                 {"role":"system","content":"Answer in French."},{"role":"user","content":"Again"}]}""";

        var response = postMessages(body, user);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ANTHROPIC.mock().lastRequest().json().path("messages").get(1).path("role").asString()).isEqualTo("system");
    }

    @Test
    void shouldTranslateASystemTurnAmongTheMessagesInPlace() {
        var user = newUser();
        var body = """
                {"model":"gpt-4o-mini","max_tokens":64,"messages":[{"role":"user","content":"Hello"},
                 {"role":"system","content":[{"type":"text","text":"Answer in French."}]},{"role":"user","content":"Again"}]}""";

        var response = postMessages(body, user);

        assertThat(response.statusCode()).isEqualTo(200);
        var sent = OPENAI.mock().lastRequest().json().path("messages");
        assertThat(sent.get(1).path("role").asString()).isEqualTo("system");
        assertThat(sent.get(1).path("content").asString()).isEqualTo("Answer in French.");
    }

    @Test
    void shouldRefuseEmbeddingDimensionsAndImageCountsBeyond64Bits() {
        var user = newUser();

        var embeddings = postJson("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"hi\",\"dimensions\":18446744073709551617}",
                "Authorization", bearer(user));
        var images = postJson("/v1/images/generations", "{\"model\":\"dall-e-2\",\"prompt\":\"a cat\",\"n\":18446744073709551617}",
                "Authorization", bearer(user));
        var tokens = postJson("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":[99999999999999999999]}",
                "Authorization", bearer(user));

        assertThat(embeddings.statusCode()).isEqualTo(400);
        assertThat(json(embeddings).path("error").path("param").asString()).isEqualTo("dimensions");
        assertThat(images.statusCode()).isEqualTo(400);
        assertThat(json(images).path("error").path("param").asString()).isEqualTo("n");
        assertThat(tokens.statusCode()).isEqualTo(400);
        assertThat(json(tokens).path("error").path("param").asString()).isEqualTo("input");
        assertNothingSent(user);
    }

    @Test
    void shouldAnswerABadQueryParameterWith400InTheDialect() {
        var user = newUser();

        var anthropic = get("/v1/models?limit=abc", headers(user));

        assertThat(anthropic.statusCode()).isEqualTo(400);
        assertThat(json(anthropic).path("error").path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(json(anthropic).path("error").path("message").asString()).contains("limit");
    }

    private void assertNothingSent(TestUser user) {
        assertThat(OPENAI.mock().requests()).isEmpty();
        assertThat(ANTHROPIC.mock().requests()).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM usage_records WHERE user_id = ?").param(user.id()).query(Long.class).single()).isZero();
    }
}
