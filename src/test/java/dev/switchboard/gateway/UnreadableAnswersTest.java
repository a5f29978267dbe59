package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.GatewayTestSupport;
import dev.switchboard.testing.MockUpstream;
import org.junit.jupiter.api.Test;

/** A provider that answers 200 with a body that is not JSON failed: a 502 that says so, and one error record. */
class UnreadableAnswersTest extends GatewayTestSupport {

    private static final String NOT_JSON = "<html>Bad gateway</html>";

    @Test
    void shouldAnswerA502AndRecordTheCallWhateverTheWireFormat() throws Exception {
        assertUnreadable(OPENAI.mock(), "/v1/chat/completions", "/v1/chat/completions", "gpt-4o-mini");
        assertUnreadable(ANTHROPIC.mock(), "/v1/messages", "/v1/chat/completions", "claude-sonnet-4-5");
        assertUnreadable(GOOGLE.mock(), "/v1beta/models/", "/v1/chat/completions", "gemini-2.5-flash");
        assertUnreadable(OPENAI.mock(), "/v1/embeddings", "/v1/embeddings", "text-embedding-3-small");
    }

    private void assertUnreadable(MockUpstream mock, String upstreamPath, String path, String model) throws Exception {
        var user = newUser();
        var body = path.endsWith("embeddings") ? "{\"model\":\"" + model + "\",\"input\":\"hi\"}"
                : "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        try (var ignored = mock.override("POST", upstreamPath, (request, reply) -> reply.json(200, NOT_JSON))) {
            var response = postJson(path, body, "Authorization", bearer(user));

            assertThat(response.statusCode()).as(model).isEqualTo(502);
            assertThat(json(response).path("error").path("code").asString()).isEqualTo("upstream_error");
            assertThat(json(response).path("error").path("message").asString()).contains("answered with invalid JSON");
        }
        var status = jdbc.sql("SELECT status FROM usage_records WHERE user_id = ?").param(user.id()).query(String.class).single();
        assertThat(status).as(model).isEqualTo("error");
    }
}
