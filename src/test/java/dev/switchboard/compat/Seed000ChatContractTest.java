package dev.switchboard.compat;

import static dev.switchboard.compat.Seed000And001ContractTest.assertFastApi;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.switchboard.testing.MockUpstream;
import dev.switchboard.testing.PeopleTestSupport;
import dev.switchboard.testing.SseEvents;
import org.junit.jupiter.api.Test;

/**
 * Seeds 000 and 001's chat and conversations, replayed as their documents show them: {@code POST /v2/llm/chat/completions}
 * with a model's UUID and the messages, served with the user's own Anthropic key, answering the assistant message with
 * its tokens and the documents' cost (1000 in at $3/M + 500 out at $15/M = $0.0105); the conversation it created,
 * continued with {@code conversation_id} and read back at {@code /v2/conversations/…}; the stream path; FastAPI errors.
 */
class Seed000ChatContractTest extends PeopleTestSupport {

    private static final String USER_ANTHROPIC_KEY = "sk-ant-fake-0002";
    private static final String SONNET_ID = UUID.nameUUIDFromBytes("switchboard/model/m-claude-sonnet-4-5".getBytes(StandardCharsets.UTF_8)).toString();

    @Test
    void shouldChatInAConversationAndReadItBack() {
        var token = tokenOf(createPerson("user"));
        patchJson("/v2/users/me/api-key", "{\"anthropic_api_key\": \"" + USER_ANTHROPIC_KEY + "\"}", "Authorization", token);
        var first = ownKey("Hello!", 1000, 500, () -> postJson("/v2/llm/chat/completions", """
                {"model_id": "%s", "messages": [{"role": "user", "content": "Hello"}]}""".formatted(SONNET_ID), "Authorization", token));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(ANTHROPIC.mock().lastRequest().header("x-api-key")).isEqualTo(USER_ANTHROPIC_KEY);
        var answer = json(first);
        var conversationId = answer.path("conversation_id").asString();
        assertThat(conversationId).isNotBlank();
        assertThat(answer.path("model_id").asString()).isEqualTo(SONNET_ID);
        assertThat(answer.path("message").path("role").asString()).isEqualTo("assistant");
        assertThat(answer.path("message").path("content").asString()).isEqualTo("Hello!");
        assertThat(answer.path("message").path("conversation_id").asString()).isEqualTo(conversationId);
        assertThat(answer.path("content").asString()).isEqualTo("Hello!");
        assertThat(answer.path("input_tokens").asLong()).isEqualTo(1000);
        assertThat(answer.path("output_tokens").asLong()).isEqualTo(500);
        assertThat(answer.path("total_tokens").asLong()).isEqualTo(1500);
        assertThat(answer.path("cost").decimalValue()).isEqualByComparingTo("0.0105");
        assertThat(answer.path("message").path("cost").decimalValue()).isEqualByComparingTo("0.0105");

        var second = ownKey("Hello again!", 20, 4, () -> postJson("/v2/llm/chat/completions", """
                {"model_id": "%s", "conversation_id": "%s", "messages": [{"role": "user", "content": "Hello"},
                 {"role": "assistant", "content": "Hello!"}, {"role": "user", "content": "Again"}]}""".formatted(SONNET_ID, conversationId),
                "Authorization", token));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(json(second).path("conversation_id").asString()).isEqualTo(conversationId);
        assertThat(ANTHROPIC.mock().lastRequest().json().path("messages").size()).as("the stored history, then the new turn").isEqualTo(3);

        var list = json(get("/v2/conversations/", "Authorization", token));
        assertThat(list.path("count").asInt()).isEqualTo(1);
        assertThat(list.path("data").get(0).path("id").asString()).isEqualTo(conversationId);
        assertThat(list.path("data").get(0).path("model_id").asString()).isEqualTo(SONNET_ID);
        var one = json(get("/v2/conversations/" + conversationId, "Authorization", token));
        assertThat(one.path("message_count").asLong()).isEqualTo(4);
        assertThat(one.path("total_cost").decimalValue()).isPositive();
        var messages = json(get("/v2/conversations/" + conversationId + "/messages", "Authorization", token));
        assertThat(messages.path("count").asInt()).isEqualTo(4);
        assertThat(messages.path("data").get(3).path("content").asString()).isEqualTo("Hello again!");
        assertThat(messages.path("data").get(0).path("conversation_id").asString()).isEqualTo(conversationId);

        var stranger = tokenOf(createPerson("user"));
        assertFastApi(get("/v2/conversations/" + conversationId, "Authorization", stranger), 404);
        assertFastApi(get("/v2/conversations/" + conversationId + "/messages", "Authorization", stranger), 404);
        assertFastApi(postJson("/v2/llm/chat/completions", """
                {"model_id": "%s", "conversation_id": "%s", "messages": [{"role": "user", "content": "Mine?"}]}"""
                .formatted(SONNET_ID, conversationId), "Authorization", stranger), 404);
    }

    /** Anthropic answers only the user's own key, as in the seed's flow (the environment's key would be refused). */
    private static java.net.http.HttpResponse<String> ownKey(String text, long in, long out,
                                                             java.util.function.Supplier<java.net.http.HttpResponse<String>> call) {
        var reply = """
                {"id":"msg_v2","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"%s"}],
                 "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":%d,"output_tokens":%d}}""".formatted(text, in, out);
        try (var ownKeyOnly = ANTHROPIC.mock().override("POST", "/v1/messages", (request, answer) -> answer.json(
                USER_ANTHROPIC_KEY.equals(request.header("x-api-key")) ? 200 : 401, reply))) {
            return call.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldStreamTheTurnAsTheConversationRouteDoes() {
        var token = tokenOf(createPerson("user"));
        OPENAI.willReply("Streaming works nicely.", 12, 5);

        var response = postJson("/v2/llm/chat/completions/stream", """
                {"model_id": "gpt-4o-mini", "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Stream"}]}""",
                "Authorization", token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        var conversationId = response.headers().firstValue("X-Conversation-Id").orElseThrow();
        var events = SseEvents.parse(response.body().lines());
        assertThat(events.getLast().name()).isEqualTo("message");
        assertThat(MockUpstream.JSON.readTree(events.getLast().data()).path("output_tokens").asLong()).isEqualTo(5);
        assertThat(OPENAI.mock().lastRequest().json().path("messages").get(0).path("content").asString()).isEqualTo("Be brief.");
        assertThat(json(get("/v2/conversations/" + conversationId + "/messages", "Authorization", token)).path("count").asInt()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAsFastApiDoesAndLeaveNoEmptyConversation() {
        var token = tokenOf(createPerson("user"));

        var unknown = postJson("/v2/llm/chat/completions", "{\"model_id\": \"gpt-4o-mini\", \"messages\": [], \"temperature\": 2}",
                "Authorization", token);
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(json(unknown).path("detail").get(0).path("loc").toString()).isEqualTo("[\"body\",\"temperature\"]");
        var noMessages = postJson("/v2/llm/chat/completions", "{\"model_id\": \"gpt-4o-mini\", \"messages\": []}", "Authorization", token);
        assertThat(noMessages.statusCode()).as(noMessages.body()).isEqualTo(422);
        assertThat(json(noMessages).path("detail").get(0).path("loc").toString()).isEqualTo("[\"body\",\"messages\"]");
        var noModel = postJson("/v2/llm/chat/completions", "{\"model_id\": \"" + UUID.randomUUID() + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}",
                "Authorization", token);
        assertThat(noModel.statusCode()).isEqualTo(422);
        assertThat(json(noModel).path("detail").get(0).path("loc").toString()).isEqualTo("[\"body\",\"model_id\"]");
        assertFastApi(postJson("/v2/llm/chat/completions", "{\"model_id\": \"gpt-4o-mini\", \"messages\": []}"), 401);
        assertFastApi(get("/v2/conversations/"), 401);

        assertThat(json(get("/v2/conversations/", "Authorization", token)).path("count").asInt()).isZero();
    }
}
