package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.switchboard.testing.AnthropicUpstream;
import dev.switchboard.testing.MockUpstream;
import dev.switchboard.testing.SseEvents;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/responses} for models whose providers have no Responses API (Groq of the OpenAI chat family, Anthropic,
 * Gemini): the request translated to chat completions, the answer and its stream translated back into OpenAI's objects
 * and typed events, metered like any call.
 */
class ResponsesTranslatedTest extends ResponsesTestSupport {

    private static final String TOOLS_TURN = """
            {"model":"llama-3.1-8b-instant","instructions":"Be brief.",
             "input":[{"role":"user","content":[{"type":"input_text","text":"Weather in Rome?"},
                                                {"type":"input_image","image_url":"https://img.example.test/rome.png","detail":"low"}]},
                      {"type":"function_call","call_id":"call_1","name":"get_weather","arguments":"{\\"city\\":\\"Rome\\"}"},
                      {"type":"function_call_output","call_id":"call_1","output":"18 degrees"},
                      {"type":"reasoning","id":"rs_1","summary":[]},
                      {"role":"developer","content":"Answer in English."}],
             "tools":[{"type":"function","name":"get_weather","description":"Weather now","strict":true,
                       "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
                      {"type":"web_search"}],
             "tool_choice":"auto","parallel_tool_calls":false,"max_output_tokens":300,"temperature":0.2,
             "reasoning":{"effort":"low","summary":"auto"},"text":{"format":{"type":"json_schema","name":"w","schema":{"type":"object"},"strict":true}},
             "store":false,"include":["reasoning.encrypted_content"],"prompt_cache_key":"k1","metadata":{"app":"x"},"user":"u-1"}""";

    private static final String TOOL_CALL_COMPLETION = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1767225600,"model":"llama-3.1-8b-instant",
             "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
               {"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
               "finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":40,"completion_tokens":9,"total_tokens":49,"completion_tokens_details":{"reasoning_tokens":3}}}""";

    private static final List<String> TOOL_CALL_CHUNKS = List.of(
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}\n\n",
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]},\"finish_reason\":null}]}\n\n",
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]},\"finish_reason\":null}]}\n\n",
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n",
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":9,\"total_tokens\":49}}\n\n",
            "data: [DONE]\n\n");

    @Test
    void shouldAnswerAGroqModelAsAResponseObjectAndRecordItsExactCost() {
        var user = newUser();

        var response = postResponses("{\"model\":\"llama-3.1-8b-instant\",\"input\":\"Say hello\"}", user);

        assertThat(response.statusCode()).isEqualTo(200);
        var body = json(response);
        assertThat(body.path("id").asString()).matches("resp_[0-9a-f]{48}");
        assertThat(body.path("object").asString()).isEqualTo("response");
        assertThat(body.path("status").asString()).isEqualTo("completed");
        assertThat(body.path("model").asString()).isEqualTo("llama-3.1-8b-instant");
        assertThat(body.path("output")).hasSize(1);
        var message = body.path("output").get(0);
        assertThat(message.path("id").asString()).matches("msg_[0-9a-f]{48}");
        assertThat(message.path("type").asString()).isEqualTo("message");
        assertThat(message.path("role").asString()).isEqualTo("assistant");
        assertThat(message.path("status").asString()).isEqualTo("completed");
        assertThat(message.path("content").toString()).isEqualTo(
                "[{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"Hello from the mock.\"}]");
        assertThat(body.path("usage").toString()).isEqualTo("""
                {"input_tokens":12,"input_tokens_details":{"cached_tokens":0},"output_tokens":10,\
                "output_tokens_details":{"reasoning_tokens":0},"total_tokens":22}""");
        assertThat(body.path("tool_choice").asString()).isEqualTo("auto");
        assertThat(body.path("text").toString()).isEqualTo("{\"format\":{\"type\":\"text\"}}");
        assertThat(GROQ.mock().lastRequest().json().toString()).isEqualTo(
                "{\"model\":\"llama-3.1-8b-instant\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}");
        var record = onlyRecordOf(user);
        assertThat(record.get("endpoint")).isEqualTo("responses");
        assertThat(record.get("provider_id")).isEqualTo("groq");
        // 12 × $0.05/1M + 10 × $0.08/1M = 600 + 800 nano-USD
        assertThat(number(record, "cost_nano_usd")).isEqualTo(1_400);
    }

    @Test
    void shouldTranslateInstructionsItemsToolsAndSettingsIntoOneChatRequest() throws Exception {
        var user = newUser();
        try (var ignored = GROQ.mock().override("POST", "/openai/v1/chat/completions", (request, reply) -> reply.json(200, TOOL_CALL_COMPLETION))) {

            var response = postResponses(TOOLS_TURN, user);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(GROQ.mock().lastRequest().json().toString()).isEqualTo("""
                    {"model":"llama-3.1-8b-instant","messages":[{"role":"system","content":"Be brief."},\
                    {"role":"user","content":[{"type":"text","text":"Weather in Rome?"},\
                    {"type":"image_url","image_url":{"url":"https://img.example.test/rome.png","detail":"low"}}]},\
                    {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",\
                    "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]},\
                    {"role":"tool","tool_call_id":"call_1","content":"18 degrees"},\
                    {"role":"system","content":"Answer in English."}],\
                    "temperature":0.2,"parallel_tool_calls":false,"max_tokens":300,"reasoning_effort":"low","user":"u-1",\
                    "response_format":{"type":"json_schema","json_schema":{"name":"w","schema":{"type":"object"},"strict":true}},\
                    "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather now",\
                    "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},"strict":true}}],\
                    "tool_choice":"auto"}""");
            var body = json(response);
            var call = body.path("output").get(0);
            assertThat(call.path("id").asString()).matches("fc_[0-9a-f]{48}");
            assertThat(call.path("type").asString()).isEqualTo("function_call");
            assertThat(call.path("call_id").asString()).isEqualTo("call_2");
            assertThat(call.path("name").asString()).isEqualTo("get_weather");
            assertThat(call.path("arguments").asString()).isEqualTo("{\"city\":\"Paris\"}");
            assertThat(body.path("usage").path("output_tokens_details").path("reasoning_tokens").asLong()).isEqualTo(3);
            assertThat(body.path("instructions").asString()).isEqualTo("Be brief.");
            assertThat(body.path("max_output_tokens").asLong()).isEqualTo(300);
            assertThat(body.path("store").asBoolean()).isFalse();
            assertThat(body.path("metadata").toString()).isEqualTo("{\"app\":\"x\"}");
            // 40 × $0.05/1M + 9 × $0.08/1M: reasoning tokens are output tokens
            assertThat(number(onlyRecordOf(user), "cost_nano_usd")).isEqualTo(2_000 + 720);
        }
    }

    @Test
    void shouldStreamAChatAnswerAsOpenAisTypedEventsNumberedInOrder() {
        var user = newUser();

        var events = streamResponses("{\"model\":\"llama-3.1-8b-instant\",\"input\":\"Say hello\",\"stream\":true}", user);

        assertThat(events).extracting(SseEvents.Event::name).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed");
        assertNumberedInOrder(events);
        var created = events.get(0).json().path("response");
        assertThat(created.path("status").asString()).isEqualTo("in_progress");
        assertThat(created.path("output")).isEmpty();
        assertThat(created.path("usage").isNull()).isTrue();
        var added = events.get(2).json();
        assertThat(added.path("output_index").asInt()).isZero();
        var itemId = added.path("item").path("id").asString();
        assertThat(added.path("item").toString()).isEqualTo(
                "{\"id\":\"" + itemId + "\",\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}");
        assertThat(events.get(3).json().path("part").toString()).isEqualTo(
                "{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"\"}");
        var text = new StringBuilder();
        events.subList(4, 8).forEach(e -> {
            assertThat(e.json().path("item_id").asString()).isEqualTo(itemId);
            assertThat(e.json().path("content_index").asInt()).isZero();
            text.append(e.json().path("delta").asString());
        });
        assertThat(text).hasToString("Hello from the mock.");
        assertThat(events.get(8).json().path("text").asString()).isEqualTo("Hello from the mock.");
        assertThat(events.get(10).json().path("item").path("status").asString()).isEqualTo("completed");
        var completed = events.get(11).json().path("response");
        assertThat(completed.path("id").asString()).isEqualTo(created.path("id").asString());
        assertThat(completed.path("status").asString()).isEqualTo("completed");
        assertThat(completed.path("output").get(0).path("content").get(0).path("text").asString()).isEqualTo("Hello from the mock.");
        assertThat(completed.path("usage").path("input_tokens").asLong()).isEqualTo(12);
        assertThat(completed.path("usage").path("output_tokens").asLong()).isEqualTo(10);
        var record = onlyRecordOf(user);
        assertThat(record.get("status")).isEqualTo("ok");
        assertThat(number(record, "cost_nano_usd")).isEqualTo(1_400);
    }

    @Test
    void shouldStreamToolCallsAsFunctionCallItemsWithTheirArguments() throws Exception {
        var user = newUser();
        try (var ignored = GROQ.mock().override("POST", "/openai/v1/chat/completions", (request, reply) -> reply.sse(TOOL_CALL_CHUNKS))) {

            var events = streamResponses(TOOLS_TURN.replace("\"store\":false", "\"stream\":true"), user);

            assertThat(events).extracting(SseEvents.Event::name).containsExactly("response.created", "response.in_progress",
                    "response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.delta",
                    "response.function_call_arguments.done", "response.output_item.done", "response.completed");
            assertNumberedInOrder(events);
            var item = events.get(2).json().path("item");
            assertThat(item.path("type").asString()).isEqualTo("function_call");
            assertThat(item.path("call_id").asString()).isEqualTo("call_2");
            assertThat(item.path("name").asString()).isEqualTo("get_weather");
            assertThat(item.path("arguments").asString()).isEmpty();
            assertThat(events.get(3).json().path("delta").asString() + events.get(4).json().path("delta").asString())
                    .isEqualTo("{\"city\":\"Paris\"}");
            assertThat(events.get(5).json().path("arguments").asString()).isEqualTo("{\"city\":\"Paris\"}");
            assertThat(events.get(6).json().path("item").path("arguments").asString()).isEqualTo("{\"city\":\"Paris\"}");
            assertThat(events.get(7).json().path("response").path("output").get(0).path("status").asString()).isEqualTo("completed");
            assertThat(number(onlyRecordOf(user), "output_tokens")).isEqualTo(9);
        }
    }

    @Test
    void shouldStreamAnAnthropicAnswerAndBillItsCachedInputAtTheCachedPrice() {
        var user = newUser();
        ANTHROPIC.willReply(AnthropicUpstream.Scenario.text("Hello from Claude.").withUsage(100, 20, 400, 0));

        var events = streamResponses("{\"model\":\"claude-sonnet-4-5\",\"input\":\"Say hello\",\"stream\":true,\"max_output_tokens\":64}", user);

        assertThat(events.getFirst().name()).isEqualTo("response.created");
        assertThat(events.getLast().name()).isEqualTo("response.completed");
        assertNumberedInOrder(events);
        var usage = events.getLast().json().path("response").path("usage");
        assertThat(usage.path("input_tokens").asLong()).isEqualTo(500);
        assertThat(usage.path("input_tokens_details").path("cached_tokens").asLong()).isEqualTo(400);
        assertThat(usage.path("output_tokens").asLong()).isEqualTo(20);
        var upstream = ANTHROPIC.mock().lastRequest().json();
        assertThat(upstream.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(upstream.path("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Say hello\"}]}]");
        var record = onlyRecordOf(user);
        assertThat(number(record, "input_tokens")).isEqualTo(500);
        assertThat(number(record, "cached_tokens")).isEqualTo(400);
        // claude-sonnet-4-5: 100 × $3/1M + 400 × $0.30/1M + 20 × $15/1M
        assertThat(number(record, "cost_nano_usd")).isEqualTo(300_000 + 120_000 + 300_000);
    }

    @Test
    void shouldAnswerAGeminiModelAndBillItsThoughtsAsReasoningOutput() {
        var user = newUser();
        GOOGLE.willReplyWithThoughts("Hello from Gemini.", 30, 10, 25, 0);

        var response = postResponses("{\"model\":\"gemini-2.5-flash\",\"input\":\"Say hello\",\"reasoning\":{\"effort\":\"high\"}}", user);

        assertThat(response.statusCode()).isEqualTo(200);
        var body = json(response);
        assertThat(body.path("output").get(0).path("content").get(0).path("text").asString()).isEqualTo("Hello from Gemini.");
        assertThat(body.path("usage").path("output_tokens").asLong()).isEqualTo(35);
        assertThat(body.path("usage").path("output_tokens_details").path("reasoning_tokens").asLong()).isEqualTo(25);
        assertThat(body.path("reasoning").path("effort").asString()).isEqualTo("high");
        // 30 × $0.30/1M + 35 × $2.50/1M
        assertThat(number(onlyRecordOf(user), "cost_nano_usd")).isEqualTo(9_000 + 87_500);
    }

    private static final String GEMINI_THOUGHT = """
            {"candidates":[{"content":{"parts":[{"text":"Weighing a greeting.","thought":true},{"text":"Hello."}],"role":"model"},
             "finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":30,"candidatesTokenCount":2,"thoughtsTokenCount":25,"totalTokenCount":57},
             "modelVersion":"gemini-2.5-flash","responseId":"r1"}""";

    @Test
    void shouldAskGeminiForItsThoughtsAndReturnThemAsAReasoningItem() throws Exception {
        var user = newUser();
        try (var ignored = GOOGLE.mock().override("POST", "/v1beta/models/", (request, reply) -> reply.json(200, GEMINI_THOUGHT))) {

            var body = json(postResponses("{\"model\":\"gemini-2.5-flash\",\"input\":\"Hi\",\"reasoning\":{\"effort\":\"high\",\"summary\":\"auto\"}}", user));

            assertThat(GOOGLE.mock().lastRequest().json().path("generationConfig").path("thinkingConfig").toString())
                    .isEqualTo("{\"thinkingBudget\":24576,\"includeThoughts\":true}");
            var reasoning = body.path("output").get(0);
            assertThat(reasoning.path("type").asString()).isEqualTo("reasoning");
            assertThat(reasoning.path("id").asString()).matches("rs_[0-9a-f]{48}");
            assertThat(reasoning.path("summary").toString()).isEqualTo("[{\"type\":\"summary_text\",\"text\":\"Weighing a greeting.\"}]");
            assertThat(body.path("output").get(1).path("content").get(0).path("text").asString()).isEqualTo("Hello.");
            assertThat(body.path("usage").path("output_tokens_details").path("reasoning_tokens").asLong()).isEqualTo(25);
        }
    }

    @Test
    void shouldStreamGeminisThoughtsAsReasoningSummaryEventsBeforeTheMessage() throws Exception {
        var user = newUser();
        var thought = "data: " + GEMINI_THOUGHT.replace("\n", "").replace(",{\"text\":\"Hello.\"}", "").replace("\"finishReason\":\"STOP\",", "") + "\r\n\r\n";
        var answer = "data: " + GEMINI_THOUGHT.replace("\n", "").replace("{\"text\":\"Weighing a greeting.\",\"thought\":true},", "") + "\r\n\r\n";
        try (var ignored = GOOGLE.mock().override("POST", "/v1beta/models/", (request, reply) -> reply.sse(List.of(thought, answer)))) {

            var events = streamResponses("{\"model\":\"gemini-2.5-flash\",\"input\":\"Hi\",\"stream\":true,\"reasoning\":{\"effort\":\"low\"}}", user);

            assertThat(events).extracting(SseEvents.Event::name).containsExactly("response.created", "response.in_progress",
                    "response.output_item.added", "response.reasoning_summary_part.added", "response.reasoning_summary_text.delta",
                    "response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done",
                    "response.output_item.added", "response.content_part.added", "response.output_text.delta", "response.output_text.done",
                    "response.content_part.done", "response.output_item.done", "response.completed");
            assertNumberedInOrder(events);
            assertThat(events.get(4).json().path("delta").asString()).isEqualTo("Weighing a greeting.");
            assertThat(events.get(4).json().path("summary_index").asInt()).isZero();
            assertThat(events.get(7).json().path("item").path("summary").get(0).path("text").asString()).isEqualTo("Weighing a greeting.");
            assertThat(events.get(8).json().path("output_index").asInt()).isEqualTo(1);
            var completed = events.getLast().json().path("response");
            assertThat(completed.path("output")).extracting(item -> item.path("type").asString()).containsExactly("reasoning", "message");
            assertThat(GOOGLE.mock().lastRequest().json().path("generationConfig").path("thinkingConfig").path("thinkingBudget").asInt()).isEqualTo(1024);
        }
    }

    private static final String PATCH_TURN = """
            {"model":"llama-3.1-8b-instant","input":[{"role":"user","content":"Fix it"},
               {"type":"custom_tool_call","call_id":"call_p1","name":"apply_patch","input":"*** Begin Patch\\n*** End Patch"},
               {"type":"custom_tool_call_output","call_id":"call_p1","output":"Done"}],
             "tools":[{"type":"custom","name":"apply_patch","description":"Edit files.",
                       "format":{"type":"grammar","syntax":"lark","definition":"start: begin_patch"}},{"type":"local_shell"}]%s}""";

    private static final String PATCH_CALL = """
            {"id":"chatcmpl-2","object":"chat.completion","created":1767225600,"model":"llama-3.1-8b-instant",
             "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
               {"id":"call_p2","type":"function","function":{"name":"apply_patch","arguments":"{\\"input\\":\\"*** Begin Patch\\\\n*** End Patch\\"}"}}]},
               "finish_reason":"tool_calls"}],"usage":{"prompt_tokens":40,"completion_tokens":9,"total_tokens":49}}""";

    @Test
    void shouldServeCustomToolsAsFunctionsOfOneStringAndAnswerWithCustomToolCalls() throws Exception {
        var user = newUser();
        try (var ignored = GROQ.mock().override("POST", "/openai/v1/chat/completions", (request, reply) -> reply.json(200, PATCH_CALL))) {

            var body = json(postResponses(PATCH_TURN.formatted(""), user));

            var upstream = GROQ.mock().lastRequest().json();
            assertThat(upstream.path("tools")).hasSize(1);
            var function = upstream.path("tools").get(0).path("function");
            assertThat(function.path("name").asString()).isEqualTo("apply_patch");
            assertThat(function.path("description").asString()).isEqualTo("Edit files.\n\nThe input follows this lark grammar:\nstart: begin_patch");
            assertThat(function.path("parameters").path("required").toString()).isEqualTo("[\"input\"]");
            assertThat(upstream.path("messages").get(1).path("tool_calls").get(0).path("function").path("arguments").asString())
                    .isEqualTo("{\"input\":\"*** Begin Patch\\n*** End Patch\"}");
            assertThat(upstream.path("messages").get(2).toString()).isEqualTo("{\"role\":\"tool\",\"tool_call_id\":\"call_p1\",\"content\":\"Done\"}");
            var call = body.path("output").get(0);
            assertThat(call.path("type").asString()).isEqualTo("custom_tool_call");
            assertThat(call.path("id").asString()).matches("ctc_[0-9a-f]{48}");
            assertThat(call.path("call_id").asString()).isEqualTo("call_p2");
            assertThat(call.path("name").asString()).isEqualTo("apply_patch");
            assertThat(call.path("input").asString()).isEqualTo("*** Begin Patch\n*** End Patch");
        }
    }

    @Test
    void shouldStreamACustomToolCallWithItsWholeInput() throws Exception {
        var user = newUser();
        var chunks = List.of(
                "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_p2\",\"type\":\"function\",\"function\":{\"name\":\"apply_patch\",\"arguments\":\"{\\\"input\\\":\"}}]},\"finish_reason\":null}]}\n\n",
                "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"*** Begin Patch\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}]}\n\n",
                "data: [DONE]\n\n");
        try (var ignored = GROQ.mock().override("POST", "/openai/v1/chat/completions", (request, reply) -> reply.sse(chunks))) {

            var events = streamResponses(PATCH_TURN.formatted(",\"stream\":true"), user);

            assertThat(events).extracting(SseEvents.Event::name).containsExactly("response.created", "response.in_progress",
                    "response.output_item.added", "response.custom_tool_call_input.delta", "response.custom_tool_call_input.done",
                    "response.output_item.done", "response.completed");
            assertNumberedInOrder(events);
            assertThat(events.get(2).json().path("item").path("type").asString()).isEqualTo("custom_tool_call");
            assertThat(events.get(4).json().path("input").asString()).isEqualTo("*** Begin Patch");
            assertThat(events.get(5).json().path("item").path("input").asString()).isEqualTo("*** Begin Patch");
        }
    }

    @Test
    void shouldRefuseABuiltInToolThatTheRequestNeedsInOpenAisErrorShape() {
        var user = newUser();

        var response = postResponses("{\"model\":\"claude-sonnet-4-5\",\"input\":\"News?\",\"tools\":[{\"type\":\"web_search\"}]}", user);

        assertThat(response.statusCode()).isEqualTo(400);
        var error = json(response).path("error");
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asString()).contains("web_search").contains("hosted only by OpenAI");
        assertThat(ANTHROPIC.mock().requests()).isEmpty();
    }

    @Test
    void shouldEndABrokenStreamWithAnErrorEventNumberedAfterTheLastOne() {
        var user = newUser();
        GROQ.willBreakStreamAfter("This answer will be cut off", 2);

        var events = streamResponses("{\"model\":\"llama-3.1-8b-instant\",\"input\":\"Say hello\",\"stream\":true}", user);

        assertThat(events).extracting(SseEvents.Event::name).startsWith("response.created", "response.in_progress")
                .doesNotContain("response.completed").endsWith("error");
        assertNumberedInOrder(events);
        assertThat(events.getLast().json().path("message").asString()).isNotEmpty();
        assertThat(onlyRecordOf(user).get("status")).isEqualTo("partial");
    }

    @Test
    void shouldRefuseARequestWithoutInput() {
        var response = postResponses("{\"model\":\"llama-3.1-8b-instant\"}", newUser());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("param").asString()).isEqualTo("input");
        assertThat(MockUpstream.JSON.readTree(response.body()).path("error").path("code").asString()).isEqualTo("missing_required_parameter");
    }
}
