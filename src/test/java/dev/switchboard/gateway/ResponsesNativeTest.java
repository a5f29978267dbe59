package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.switchboard.testing.SseEvents;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/responses} for OpenAI models: passed through to OpenAI's own Responses API, the answer and every event
 * untouched, the usage (cached input, reasoning output) read from the response and from {@code response.completed}.
 */
class ResponsesNativeTest extends ResponsesTestSupport {

    /** OpenAI's answer, as its API reference shows it, with cached input and reasoning tokens. */
    static final String RESPONSE = """
            {"id":"resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b","object":"response","created_at":1741476542,\
            "status":"completed","error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,\
            "model":"gpt-4o-mini-2024-07-18","output":[{"type":"message","id":"msg_67ccd2bf17f0819081ff3bb2cf6508e60bb6a6b452d3795b",\
            "status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hi there!","annotations":[]}]}],\
            "parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":null,"summary":null},"store":true,\
            "temperature":1.0,"text":{"format":{"type":"text"}},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled",\
            "usage":{"input_tokens":100,"input_tokens_details":{"cached_tokens":40},"output_tokens":50,\
            "output_tokens_details":{"reasoning_tokens":20},"total_tokens":150},"user":null,"metadata":{}}""";

    static final List<String> EVENTS = List.of(
            "event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"in_progress\",\"output\":[],\"usage\":null}}\n\n",
            "event: response.in_progress\ndata: {\"type\":\"response.in_progress\",\"sequence_number\":1,\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"in_progress\",\"output\":[],\"usage\":null}}\n\n",
            "event: response.output_item.added\ndata: {\"type\":\"response.output_item.added\",\"sequence_number\":2,\"output_index\":0,\"item\":{\"id\":\"msg_1\",\"type\":\"message\",\"status\":\"in_progress\",\"content\":[],\"role\":\"assistant\"}}\n\n",
            "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"sequence_number\":3,\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"Hi\",\"logprobs\":[]}\n\n",
            "event: response.output_item.done\ndata: {\"type\":\"response.output_item.done\",\"sequence_number\":4,\"output_index\":0,\"item\":{\"id\":\"msg_1\",\"type\":\"message\",\"status\":\"completed\",\"content\":[{\"type\":\"output_text\",\"text\":\"Hi\",\"annotations\":[]}],\"role\":\"assistant\"}}\n\n",
            "event: response.completed\ndata: {\"type\":\"response.completed\",\"sequence_number\":5,\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\",\"output\":[{\"id\":\"msg_1\",\"type\":\"message\",\"status\":\"completed\",\"content\":[{\"type\":\"output_text\",\"text\":\"Hi\",\"annotations\":[]}],\"role\":\"assistant\"}],\"usage\":{\"input_tokens\":100,\"input_tokens_details\":{\"cached_tokens\":40},\"output_tokens\":50,\"output_tokens_details\":{\"reasoning_tokens\":20},\"total_tokens\":150}}}\n\n");

    @Test
    void shouldPassAResponseThroughUntouchedAndBillCachedAndReasoningTokensExactly() throws Exception {
        var user = newUser();
        try (var ignored = OPENAI.mock().override("POST", "/v1/responses", (request, reply) -> reply.json(200, RESPONSE))) {

            var response = postResponses("""
                    {"model":"gpt-4o-mini","input":"Hi","reasoning":{"effort":"low"},"include":["reasoning.encrypted_content"],\
                    "prompt_cache_key":"k","store":false}""", user);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(RESPONSE);
            var upstream = OPENAI.mock().lastRequest();
            assertThat(upstream.path()).isEqualTo("/v1/responses");
            assertThat(upstream.header("Authorization")).isEqualTo("Bearer " + OPENAI_KEY);
            assertThat(upstream.json().toString()).isEqualTo("""
                    {"model":"gpt-4o-mini","input":"Hi","reasoning":{"effort":"low"},"include":["reasoning.encrypted_content"],\
                    "prompt_cache_key":"k","store":false}""");
            var record = onlyRecordOf(user);
            assertThat(record.get("endpoint")).isEqualTo("responses");
            assertThat(number(record, "input_tokens")).isEqualTo(100);
            assertThat(number(record, "cached_tokens")).isEqualTo(40);
            assertThat(number(record, "output_tokens")).isEqualTo(50);
            // 60 × $0.15/1M + 40 × $0.075/1M (cached) + 50 × $0.60/1M (reasoning included)
            assertThat(number(record, "cost_nano_usd")).isEqualTo(9_000 + 3_000 + 30_000);
        }
    }

    @Test
    void shouldRelayOpenAisEventsVerbatimWithTheTerminalEventLast() throws Exception {
        var user = newUser();
        try (var ignored = OPENAI.mock().override("POST", "/v1/responses", (request, reply) -> reply.sse(EVENTS))) {

            var events = streamResponses("{\"model\":\"gpt-4o-mini\",\"input\":\"Hi\",\"stream\":true}", user);

            assertThat(events).hasSize(EVENTS.size());
            for (var i = 0; i < EVENTS.size(); i++) {
                assertThat("event: " + events.get(i).name() + "\ndata: " + events.get(i).data() + "\n\n").isEqualTo(EVENTS.get(i));
            }
            assertThat(OPENAI.mock().lastRequest().json().path("stream").asBoolean()).isTrue();
            var record = onlyRecordOf(user);
            assertThat(record.get("status")).isEqualTo("ok");
            assertThat(number(record, "cost_nano_usd")).isEqualTo(42_000);
        }
    }

    @Test
    void shouldEndAStreamThatOpenAiFailedWithAnErrorEvent() throws Exception {
        var user = newUser();
        var failed = "event: response.failed\ndata: {\"type\":\"response.failed\",\"sequence_number\":3,\"response\":{\"id\":\"resp_1\","
                + "\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"The model crashed\"}}}\n\n";
        try (var ignored = OPENAI.mock().override("POST", "/v1/responses", (request, reply) -> reply.sse(List.of(EVENTS.get(0), EVENTS.get(1), EVENTS.get(2), failed)))) {

            var events = streamResponses("{\"model\":\"gpt-4o-mini\",\"input\":\"Hi\",\"stream\":true}", user);

            assertThat(events).extracting(SseEvents.Event::name).containsExactly("response.created", "response.in_progress",
                    "response.output_item.added", "error");
            assertNumberedInOrder(events);
            assertThat(events.getLast().json().path("message").asString()).contains("The model crashed");
            assertThat(onlyRecordOf(user).get("status")).isEqualTo("partial");
        }
    }

    @Test
    void shouldAnswerAnUpstreamRefusalBeforeTheAnswerInOpenAisErrorShape() throws Exception {
        var user = newUser();
        try (var ignored = OPENAI.mock().override("POST", "/v1/responses", (request, reply) -> reply.json(400,
                "{\"error\":{\"message\":\"Invalid 'input': empty.\",\"type\":\"invalid_request_error\",\"param\":\"input\",\"code\":null}}"))) {

            var response = postResponses("{\"model\":\"gpt-4o-mini\",\"input\":[]}", user);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).path("error").path("message").asString()).contains("Invalid 'input'");
            assertThat(json(response).path("error").path("type").asString()).isEqualTo("invalid_request_error");
        }
    }
}
