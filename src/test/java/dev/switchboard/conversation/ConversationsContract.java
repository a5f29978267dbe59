package dev.switchboard.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.access.Caller;
import dev.switchboard.access.Role;
import dev.switchboard.gateway.CallFailure;
import dev.switchboard.gateway.CallRequest;
import dev.switchboard.gateway.ChatStreamSink;
import dev.switchboard.gateway.ClientGone;
import dev.switchboard.gateway.Endpoint;
import dev.switchboard.provider.Usage;
import dev.switchboard.testing.GatewayTestSupport;
import dev.switchboard.testing.MockUpstream;
import dev.switchboard.testing.SseEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/conversations} and {@code conversation_id} on the inference endpoints: owned by one user, history sent
 * and trimmed to the context window, answers stored with their usage (whole or partial), content kept exactly.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class ConversationsContract extends GatewayTestSupport {

    @Autowired
    Turns turns;

    @Autowired
    Conversations conversations;

    @Test
    void shouldShowAConversationOnlyToItsOwnerAndAnswerOthers404(CapturedOutput output) {
        var owner = newUser();
        var other = newUser();
        var id = create(owner, "{\"model\":\"gpt-4o-mini\",\"title\":\"Mine\"}");
        var path = "/api/conversations/" + id;

        assertThat(get(path, "Authorization", bearer(other)).statusCode()).isEqualTo(404);
        assertThat(get(path + "/messages", "Authorization", bearer(other)).statusCode()).isEqualTo(404);
        assertThat(send("PATCH", path, "{\"title\":\"theirs\"}", other).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", path, null, other).statusCode()).isEqualTo(404);
        assertThat(postJson(path + "/messages", "{\"content\":\"hi\"}", "Authorization", bearer(other)).statusCode()).isEqualTo(404);
        var viaApi = chat(other, "{\"model\":\"gpt-4o-mini\",\"conversation_id\":\"" + id + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(viaApi.statusCode()).isEqualTo(404);
        assertThat(json(viaApi).path("error").path("code").asString()).isEqualTo("conversation_not_found");
        var missing = get("/api/conversations/no-such-id", "Authorization", bearer(other));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).path("detail").asString()).isEqualTo(json(get(path, "Authorization", bearer(other))).path("detail").asString()
                .replace(id, "no-such-id"));
        assertThat(OPENAI.mock().requests()).isEmpty();
        assertThat(json(get(path, "Authorization", bearer(owner))).path("title").asString()).isEqualTo("Mine");
        assertThat(json(get("/api/conversations", "Authorization", bearer(other))).path("data")).isEmpty();

        var asAdmin = get("/api/admin/conversations/" + id, "Authorization", "Bearer " + ADMIN_API_KEY);
        assertThat(asAdmin.statusCode()).isEqualTo(200);
        assertThat(get("/api/admin/conversations/" + id, "Authorization", bearer(other)).statusCode()).isEqualTo(403);
        assertThat(output.getAll()).contains("read the conversation of conversation " + id + " owned by user " + owner.id());
    }

    @Test
    void shouldListNewestFirstInPagesAndFindByTitle() {
        var user = newUser();
        var ids = new ArrayList<String>();
        for (var title : List.of("Trip to Lyon", "Groceries", "Lyon again", "Taxes")) {
            ids.add(create(user, "{\"model\":\"gpt-4o-mini\",\"title\":\"" + title + "\"}"));
        }

        var first = json(get("/api/conversations?limit=3", "Authorization", bearer(user)));
        var second = json(get("/api/conversations?limit=3&cursor=" + first.path("next_cursor").asString(), "Authorization", bearer(user)));
        var found = json(get("/api/conversations?q=lyon", "Authorization", bearer(user)));

        assertThat(ids(first)).hasSize(3);
        var all = new ArrayList<>(ids(first));
        all.addAll(ids(second));
        assertThat(all).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();
        assertThat(second.path("next_cursor").asString(null)).isNull();
        assertThat(found.path("data")).extracting(c -> c.path("title").asString()).containsExactlyInAnyOrder("Trip to Lyon", "Lyon again");
        assertThat(get("/api/conversations?cursor=nonsense!", "Authorization", bearer(user)).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldSendTheHistoryAndStoreBothTurnsWithTokensAndCost() {
        var user = newUser();
        var id = create(user, "{\"model\":\"gpt-4o-mini\",\"system\":\"You are terse.\"}");
        OPENAI.willReply("Paris.", 20, 2);
        var firstTurn = postJson("/api/conversations/" + id + "/messages", "{\"content\":\"What is the capital of France?\"}",
                "Authorization", bearer(user));
        OPENAI.willReply("About 2.1 million.", 40, 6);

        var secondTurn = postJson("/api/conversations/" + id + "/messages", "{\"content\":\"And its population?\"}", "Authorization", bearer(user));

        assertThat(firstTurn.statusCode()).isEqualTo(200);
        assertThat(secondTurn.statusCode()).isEqualTo(200);
        assertThat(roles(OPENAI.mock().lastRequest().json())).containsExactly(
                "system:You are terse.", "user:What is the capital of France?", "assistant:Paris.", "user:And its population?");
        var messages = json(get("/api/conversations/" + id + "/messages", "Authorization", bearer(user))).path("data");
        assertThat(messages).hasSize(4);
        var answer = messages.get(3);
        assertThat(answer.path("role").asString()).isEqualTo("assistant");
        assertThat(answer.path("content").asString()).isEqualTo("About 2.1 million.");
        assertThat(answer.path("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(answer.path("input_tokens").asLong()).isEqualTo(40);
        assertThat(answer.path("output_tokens").asLong()).isEqualTo(6);
        assertThat(answer.path("status").asString()).isEqualTo("complete");
        assertThat(answer.path("created_at").asString()).isNotBlank();
        assertThat(answer.path("cost_usd").decimalValue()).isEqualByComparingTo(recordedCost(answer.path("usage_record_id").asString()));
        assertThat(messages.get(2).path("input_tokens").asLong()).isPositive(); // a question's own size, by the tokenizer
        var conversation = json(get("/api/conversations/" + id, "Authorization", bearer(user)));
        assertThat(conversation.path("title").asString()).isEqualTo("What is the capital of France?");
        assertThat(conversation.path("input_tokens").asLong()).isEqualTo(60);
        assertThat(conversation.path("output_tokens").asLong()).isEqualTo(8);
        assertThat(conversation.path("cost_usd").decimalValue()).isEqualByComparingTo(
                recordedCost(messages.get(1).path("usage_record_id").asString()).add(recordedCost(answer.path("usage_record_id").asString())));
    }

    @Test
    void shouldDropTheOldestTurnsToFitTheContextWindowButNeverTheSystemPrompt() {
        var user = newUser();
        smallModel();
        var id = create(user, "{\"model\":\"small-window\",\"system\":\"Answer in French.\"}");
        for (var i = 1; i <= 6; i++) {
            OPENAI.willReply("answer " + i + " " + "lorem ipsum dolor sit amet ".repeat(10), 10, 10);
            postJson("/api/conversations/" + id + "/messages", "{\"content\":\"question " + i + " " + "consectetur adipiscing ".repeat(10) + "\"}",
                    "Authorization", bearer(user));
        }
        var sentFirst = OPENAI.mock().requests().getFirst().json();
        var sentLast = roles(OPENAI.mock().lastRequest().json());

        assertThat(roles(sentFirst)).hasSize(2);
        assertThat(sentLast.getFirst()).isEqualTo("system:Answer in French.");
        assertThat(sentLast.getLast()).startsWith("user:question 6");
        assertThat(sentLast).noneMatch(m -> m.startsWith("user:question 1 ")).anyMatch(m -> m.startsWith("user:question 5 "));
        assertThat(sentLast.get(1)).startsWith("user:"); // the history kept begins with a question
        assertThat(sentLast.size()).isLessThan(12);
        var tokens = new TokenCounter();
        var encoding = tokens.encodingFor("small-window-1");
        var total = TokenCounter.REPLY_PRIMING;
        for (var message : OPENAI.mock().lastRequest().json().path("messages")) {
            total += tokens.message(encoding, message.path("role").asString(), message.get("content"));
        }
        assertThat(total).isLessThanOrEqualTo(300 - 50);
        var tooLong = postJson("/api/conversations/" + id + "/messages", "{\"content\":\"" + "word ".repeat(400) + "\"}", "Authorization", bearer(user));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong).path("code").asString()).isEqualTo("context_length_exceeded");
    }

    @Test
    void shouldStreamTheAnswerPieceByPieceAndStoreItWhole() {
        var user = newUser();
        var id = create(user, "{\"model\":\"gpt-4o-mini\"}");
        OPENAI.willReply("Streaming works nicely.", 12, 5);

        var response = postJson("/api/conversations/" + id + "/messages", "{\"content\":\"Stream please\",\"stream\":true}", "Authorization", bearer(user));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        var events = SseEvents.parse(response.body().lines());
        var deltas = events.stream().filter(e -> "delta".equals(e.name())).map(e -> MockUpstream.JSON.readTree(e.data()).path("content").asString()).toList();
        assertThat(deltas).hasSizeGreaterThan(1);
        assertThat(String.join("", deltas)).isEqualTo("Streaming works nicely.");
        var last = MockUpstream.JSON.readTree(events.getLast().data());
        assertThat(events.getLast().name()).isEqualTo("message");
        assertThat(last.path("status").asString()).isEqualTo("complete");
        assertThat(last.path("output_tokens").asLong()).isEqualTo(5);
        var stored = json(get("/api/conversations/" + id + "/messages", "Authorization", bearer(user))).path("data");
        assertThat(stored.get(1).path("content").asString()).isEqualTo("Streaming works nicely.");
        assertThat(stored.get(1).path("status").asString()).isEqualTo("complete");
    }

    @Test
    void shouldStoreAStreamThatBrokeAsPartialWithWhatArrived() {
        var user = newUser();
        var id = create(user, "{\"model\":\"gpt-4o-mini\"}");
        OPENAI.willBreakStreamAfter("abcdefghi", 3);

        var response = postJson("/api/conversations/" + id + "/messages", "{\"content\":\"Go\",\"stream\":true}", "Authorization", bearer(user));

        var events = SseEvents.parse(response.body().lines());
        assertThat(events).extracting(SseEvents.Event::name).contains("delta", "error");
        var stored = json(get("/api/conversations/" + id + "/messages", "Authorization", bearer(user))).path("data");
        assertThat(stored).hasSize(2);
        assertThat(stored.get(1).path("status").asString()).isEqualTo("partial");
        assertThat(stored.get(1).path("content").asString()).isEqualTo("abcdef");
        assertThat(jdbc.sql("SELECT status FROM usage_records WHERE id = ?").param(stored.get(1).path("usage_record_id").asString())
                .query(String.class).single()).isEqualTo("partial");
    }

    @Test
    void shouldStoreWhatArrivedAsPartialWhenTheClientLeaves() {
        var user = newUser();
        var conversation = conversations.create(user.id(), "gpt-4o-mini", null, null);
        OPENAI.willReply("abcdefghi", 12, 5);
        var body = MockUpstream.JSON.createObjectNode().put("model", "gpt-4o-mini").put("stream", true);
        body.putArray("messages").addObject().put("role", "user").put("content", "Go");
        var call = new CallRequest(new Caller(user.id(), user.email(), Role.USER, user.keyId()), Endpoint.CHAT_COMPLETIONS, "gpt-4o-mini",
                true, null, body, "req_test", null, CallRequest.Billing.TOKENS, System.nanoTime());

        turns.exchange(conversation, call, new LeavingClient(2));

        var stored = conversations.messages(conversation.id());
        assertThat(stored).hasSize(2);
        assertThat(stored.getLast().status()).isEqualTo(StoredMessage.Status.PARTIAL);
        assertThat(stored.getLast().content()).isEqualTo("\"abcdef\""); // what arrived, and was billed
        assertThat(conversations.find(conversation.id()).orElseThrow().title()).isEqualTo("Go");
    }

    @Test
    void shouldJoinAConversationFromBothDialectsWithoutTellingTheProvider() {
        var user = newUser();
        var id = create(user, "{\"model\":\"gpt-4o-mini\",\"system\":\"Be kind.\"}");
        OPENAI.willReply("Hi from GPT.", 10, 3);
        var viaOpenAi = chat(user, "{\"model\":\"gpt-4o-mini\",\"conversation_id\":\"" + id + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
        ANTHROPIC.willReply("Hi from Claude.", 30, 4);

        var viaAnthropic = send(HttpRequest.newBuilder(URI.create(url("/v1/messages"))).header("x-api-key", user.secret())
                .header("anthropic-version", "2023-06-01").header("x-switchboard-conversation", id).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"Again\"}]}"))
                .build());

        assertThat(viaOpenAi.statusCode()).isEqualTo(200);
        assertThat(json(viaOpenAi).path("choices").path(0).path("message").path("content").asString()).isEqualTo("Hi from GPT.");
        assertThat(OPENAI.mock().lastRequest().body()).doesNotContain("conversation_id").doesNotContain(id);
        assertThat(viaAnthropic.statusCode()).isEqualTo(200);
        var sentToClaude = ANTHROPIC.mock().lastRequest().json();
        assertThat(sentToClaude.path("system").asString()).isEqualTo("Be kind.");
        assertThat(roles(sentToClaude)).containsExactly("user:Hello", "assistant:Hi from GPT.", "user:Again");
        assertThat(ANTHROPIC.mock().lastRequest().body()).doesNotContain(id);
        var stored = json(get("/api/conversations/" + id + "/messages", "Authorization", bearer(user))).path("data");
        assertThat(stored).extracting(m -> m.path("role").asString() + ":" + m.path("content").asString() + ":" + m.path("format").asString())
                .containsExactly("user:Hello:openai", "assistant:Hi from GPT.:openai", "user:Again:anthropic", "assistant:Hi from Claude.:anthropic");
        assertThat(stored.get(3).path("model").asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(stored.get(3).path("input_tokens").asLong()).isEqualTo(30);
    }

    @Test
    void shouldStoreStreamedAnswersOfBothDialects() {
        var user = newUser();
        var id = create(user, "{\"model\":\"gpt-4o-mini\"}");
        OPENAI.willReply("Streamed from GPT.", 10, 4);
        var viaOpenAi = postJson("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"One\"}]}",
                "Authorization", bearer(user), "x-switchboard-conversation", id);
        ANTHROPIC.willReply("Streamed from Claude.", 30, 5);

        var viaAnthropic = send(HttpRequest.newBuilder(URI.create(url("/v1/messages"))).header("x-api-key", user.secret())
                .header("anthropic-version", "2023-06-01").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":true,\"conversation_id\":\""
                        + id + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Two\"}]}"))
                .build());

        assertThat(viaOpenAi.body()).contains("data: [DONE]");
        assertThat(viaAnthropic.body()).contains("event: message_stop");
        var stored = json(get("/api/conversations/" + id + "/messages", "Authorization", bearer(user))).path("data");
        assertThat(stored).extracting(m -> m.path("content").asString() + ":" + m.path("status").asString())
                .containsExactly("One:complete", "Streamed from GPT.:complete", "Two:complete", "Streamed from Claude.:complete");
        assertThat(stored.get(3).path("output_tokens").asLong()).isEqualTo(5);
        assertThat(roles(ANTHROPIC.mock().lastRequest().json())).containsExactly("user:One", "assistant:Streamed from GPT.", "user:Two");
    }

    @Test
    void shouldKeepImagesAndAnyLanguageExactly() {
        var user = newUser();
        var id = create(user, "{\"model\":\"gpt-4o-mini\"}");
        var content = "[{\"type\":\"text\",\"text\":\"Что это? 这是什么？ ما هذا؟ 🐈‍⬛ \\\"quoted\\\" \\\\ back\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0KGgo=\",\"detail\":\"low\"}}]";

        var turn = postJson("/api/conversations/" + id + "/messages", "{\"content\":" + content + "}", "Authorization", bearer(user));

        assertThat(turn.statusCode()).isEqualTo(200);
        var stored = json(get("/api/conversations/" + id + "/messages", "Authorization", bearer(user))).path("data");
        assertThat(stored.get(0).path("content")).isEqualTo(MockUpstream.JSON.readTree(content));
        assertThat(OPENAI.mock().lastRequest().json().path("messages").path(0).path("content")).isEqualTo(MockUpstream.JSON.readTree(content));
        var conversation = json(get("/api/conversations/" + id, "Authorization", bearer(user)));
        assertThat(conversation.path("title").asString()).startsWith("Что это? 这是什么？");
    }

    @Test
    void shouldDeleteTheMessagesAndKeepTheUsageRecords() {
        var user = newUser();
        var id = create(user, "{\"model\":\"gpt-4o-mini\"}");
        postJson("/api/conversations/" + id + "/messages", "{\"content\":\"Hello\"}", "Authorization", bearer(user));
        var records = usageRecords(user);

        var deleted = send("DELETE", "/api/conversations/" + id, null, user);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(get("/api/conversations/" + id, "Authorization", bearer(user)).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM conversation_messages WHERE conversation_id = ?").param(id).query(Long.class).single()).isZero();
        assertThat(records).isEqualTo(1);
        assertThat(usageRecords(user)).isEqualTo(records);
    }

    @Test
    void shouldChangeTitleModelAndSystemAndRefuseUnknownModels() {
        var user = newUser();
        var id = create(user, "{\"model\":\"gpt-4o-mini\",\"title\":\"Old\"}");

        var patched = send("PATCH", "/api/conversations/" + id, "{\"title\":\"New\",\"model\":\"gpt-4o\",\"system\":\"Be brief.\"}", user);
        var unknown = send("PATCH", "/api/conversations/" + id, "{\"model\":\"no-such-model\"}", user);
        var extra = send("PATCH", "/api/conversations/" + id, "{\"colour\":\"blue\"}", user);

        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(json(patched).path("title").asString()).isEqualTo("New");
        assertThat(json(patched).path("model").asString()).isEqualTo("gpt-4o");
        assertThat(json(patched).path("system").asString()).isEqualTo("Be brief.");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("param").asString()).isEqualTo("model");
        assertThat(extra.statusCode()).isEqualTo(400);
        assertThat(postJson("/api/conversations", "{\"title\":\"no model\"}", "Authorization", bearer(user)).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldNumberTurnsThatEndAtOnceOneAfterTheOther() throws Exception {
        var user = newUser();
        var conversation = conversations.create(user.id(), "gpt-4o-mini", null, null);
        var draft = new Conversations.Draft("user", "\"hi\"", dev.switchboard.gateway.Dialect.OPENAI, null, 1, 0,
                dev.switchboard.money.Money.ZERO, null, StoredMessage.Status.COMPLETE);

        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<java.util.concurrent.Future<?>>();
            for (var i = 0; i < 8; i++) {
                futures.add(executor.submit(() -> conversations.append(conversation.id(), List.of(draft, draft), null)));
            }
            for (var future : futures) {
                future.get();
            }
        }

        assertThat(conversations.messages(conversation.id())).extracting(StoredMessage::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 16).boxed().toList());
    }

    /** A stream client that goes away at its {@code leaveAt}-th chunk. */
    private static final class LeavingClient implements ChatStreamSink {
        private final int leaveAt;
        private int chunks;

        LeavingClient(int leaveAt) {
            this.leaveAt = leaveAt;
        }

        @Override
        public void onChunk(String chunkJson) {
            if (++chunks > leaveAt) {
                throw new ClientGone(new IOException("broken pipe"));
            }
        }

        @Override
        public void onUsage(Usage usage) {
        }

        @Override
        public void onUsageChunk(String chunkJson) {
        }

        @Override
        public void onPause() {
        }

        @Override
        public void done() {
        }

        @Override
        public boolean started() {
            return chunks > 0;
        }

        @Override
        public void failMidway(CallFailure failure) {
        }
    }

    private void smallModel() {
        jdbc.sql("""
                INSERT INTO models (id, name, provider_id, upstream_model, display_name, kind, input_price, output_price, active, created_at,
                    context_window, max_output_tokens)
                SELECT 'm-small-window', 'small-window', 'openai', 'small-window-1', 'Small window (test)', 'chat', 1000000000, 2000000000,
                    TRUE, 0, 300, 50
                WHERE NOT EXISTS (SELECT 1 FROM models WHERE id = 'm-small-window')""").update();
        catalog.reload();
    }

    private String create(TestUser user, String body) {
        var response = postJson("/api/conversations", body, "Authorization", bearer(user));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).path("id").asString();
    }

    private HttpResponse<String> chat(TestUser user, String body) {
        return postJson("/v1/chat/completions", body, "Authorization", bearer(user));
    }

    private HttpResponse<String> send(String method, String path, String body, TestUser user) {
        var publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", bearer(user))
                .header("Content-Type", "application/json").method(method, publisher).build());
    }

    private static List<String> ids(JsonNode page) {
        var ids = new ArrayList<String>();
        page.path("data").forEach(c -> ids.add(c.path("id").asString()));
        return ids;
    }

    private static List<String> roles(JsonNode request) {
        var roles = new ArrayList<String>();
        request.path("messages").forEach(m -> roles.add(m.path("role").asString() + ":" + text(m.path("content"))));
        return roles;
    }

    private static String text(JsonNode content) {
        return content.isString() ? content.asString() : content.path(0).path("text").asString();
    }

    private java.math.BigDecimal recordedCost(String usageRecordId) {
        var nanos = jdbc.sql("SELECT cost_nano_usd FROM usage_records WHERE id = ?").param(usageRecordId).query(Long.class).single();
        return java.math.BigDecimal.valueOf(nanos, 9);
    }

    private long usageRecords(TestUser user) {
        return jdbc.sql("SELECT COUNT(*) FROM usage_records WHERE user_id = ?").param(user.id()).query(Long.class).single();
    }
}
