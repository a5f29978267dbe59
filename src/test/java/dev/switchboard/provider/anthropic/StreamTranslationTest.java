package dev.switchboard.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.provider.ChatStreamListener;
import dev.switchboard.provider.MessagesStreamListener;
import dev.switchboard.provider.ProviderException;
import dev.switchboard.provider.Usage;
import dev.switchboard.provider.http.UpstreamHttp;
import dev.switchboard.provider.http.UpstreamProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Streams both ways, event by event: Anthropic events ↔ OpenAI chunks, and a round trip through both. */
class StreamTranslationTest {

    private static final dev.switchboard.provider.UpstreamTarget TARGET =
            new dev.switchboard.provider.UpstreamTarget("anthropic", "http://127.0.0.1:9", "test-key-not-sent", "claude");

    private final JsonMapper json = JsonMapper.builder().build();
    private final UpstreamHttp http = upstreamHttp(json);

    /** The text-then-tool-use stream of Anthropic's streaming docs (shortened), framed as the API frames it. */
    private static final String STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant","model":"claude-sonnet-4-5","stop_sequence":null,"usage":{"input_tokens":472,"cache_read_input_tokens":28,"cache_creation_input_tokens":0,"output_tokens":2},"content":[],"stop_reason":null}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: ping
            data: {"type": "ping"}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Okay, let"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"'s check."}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"location\\":"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":" \\"San Francisco, CA\\"}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":1}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    @Test
    void shouldTurnAnthropicEventsIntoChatChunksOneByOne() {
        var listener = new Chunks();
        var events = new MessagesToChatStream(json, "anthropic", listener);

        var stop = AnthropicEventStream.pump(http, TARGET, in(STREAM), events, () -> { });
        events.complete();

        assertThat(stop).isEqualTo("{\"type\":\"message_stop\"}");
        var deltas = listener.chunks.stream().map(c -> c.path("choices").get(0).path("delta")).toList();
        assertThat(deltas.getFirst().toString()).isEqualTo("{\"role\":\"assistant\",\"content\":\"\"}");
        assertThat(deltas.get(1).path("content").asString() + deltas.get(2).path("content").asString()).isEqualTo("Okay, let's check.");
        assertThat(deltas.get(3).toString()).isEqualTo("""
                {"tool_calls":[{"index":0,"id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","type":"function","function":{"name":"get_weather","arguments":""}}]}""");
        assertThat(deltas.get(4).path("tool_calls").get(0).path("function").path("arguments").asString()).isEqualTo("{\"location\":");
        assertThat(listener.chunks.getLast().path("choices").get(0).path("finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(listener.chunks).allSatisfy(c -> {
            assertThat(c.path("id").asString()).isEqualTo("msg_014p7gG3wDgGV9EUtLvnow3U");
            assertThat(c.path("object").asString()).isEqualTo("chat.completion.chunk");
        });
        assertThat(listener.usages.getFirst()).isEqualTo(new Usage(500, 2, 28));
        assertThat(listener.usages.getLast()).isEqualTo(new Usage(500, 89, 28));
        assertThat(listener.usageChunk.path("choices")).isEmpty();
        assertThat(listener.usageChunk.path("usage").path("prompt_tokens").asLong()).isEqualTo(500);
        assertThat(listener.usageChunk.path("usage").path("completion_tokens").asLong()).isEqualTo(89);
    }

    @Test
    void shouldRaiseAnErrorEventAsTheProviderFailureItsStatusWouldBe() {
        var stream = STREAM.substring(0, STREAM.indexOf("event: content_block_stop"))
                + "event: error\ndata: {\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}\n\n";
        var listener = new Chunks();

        assertThatThrownBy(() -> AnthropicEventStream.pump(http, TARGET, in(stream), new MessagesToChatStream(json, "anthropic", listener), () -> { }))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.UPSTREAM_ERROR);
                    assertThat(e.upstreamStatus()).isEqualTo(529);
                    assertThat(e.getMessage()).contains("Overloaded");
                });
        assertThat(listener.chunks).hasSize(3);
        assertThat(listener.usages.getLast()).isEqualTo(new Usage(500, 2, 28));
    }

    @Test
    void shouldTreatAStreamWithoutMessageStopAsBroken() {
        var stream = STREAM.substring(0, STREAM.indexOf("event: message_stop"));

        assertThatThrownBy(() -> AnthropicEventStream.pump(http, TARGET, in(stream), new MessagesToChatStream(json, "anthropic", new Chunks()), () -> { }))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNREACHABLE));
    }

    @Test
    void shouldTreatEventDataThatIsNotJsonAsAFailureOfTheProvider() {
        var stream = STREAM.replace("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Okay, let\"}}", "{garbage");

        assertThatThrownBy(() -> AnthropicEventStream.pump(http, TARGET, in(stream), new MessagesToChatStream(json, "anthropic", new Chunks()), () -> { }))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.UPSTREAM_ERROR);
                    assertThat(e.getMessage()).contains("invalid JSON");
                });
    }

    @Test
    void shouldRecogniseEventsByTheirTypeWhenTheEventLineIsMissing() {
        var stream = STREAM.replaceAll("event: [a-z_]+\n", "");
        var listener = new Chunks();

        AnthropicEventStream.pump(http, TARGET, in(stream), new MessagesToChatStream(json, "anthropic", listener), () -> { });

        assertThat(listener.chunks).hasSize(7);
        assertThat(listener.chunks.getLast().path("choices").get(0).path("finish_reason").asString()).isEqualTo("tool_calls");
    }

    @Test
    void shouldComeBackAsTheSameEventSequenceThroughBothDirections() {
        var anthropic = new Events();
        var back = new ChatToMessagesStream(json, "claude-sonnet-4-5", anthropic);
        var forward = new MessagesToChatStream(json, "anthropic", back);

        var stop = AnthropicEventStream.pump(http, TARGET, in(STREAM), forward, () -> { });
        forward.complete();
        back.finish();
        anthropic.add("message_stop", stop);

        var original = new Events();
        // an empty input_json_delta adds nothing, and the chunks leave it out
        AnthropicEventStream.pump(http, TARGET, in(STREAM), (event, data) -> {
            if (!data.contains("\"partial_json\":\"\"")) {
                original.add(event, data);
            }
        }, () -> { });
        original.add("message_stop", stop);
        assertThat(anthropic.names).isEqualTo(original.names);
        assertThat(anthropic.data.get(3)).isEqualTo(original.data.get(3));
        assertThat(anthropic.data.get(6).path("content_block")).isEqualTo(original.data.get(6).path("content_block"));
        var arguments = new StringBuilder();
        anthropic.data.forEach(d -> arguments.append(d.path("delta").path("partial_json").asString("")));
        assertThat(arguments).hasToString("{\"location\": \"San Francisco, CA\"}");
        var delta = anthropic.data.get(anthropic.names.indexOf("message_delta"));
        assertThat(delta.path("delta").path("stop_reason").asString()).isEqualTo("tool_use");
        assertThat(delta.path("usage").toString()).isEqualTo(
                "{\"input_tokens\":472,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":28,\"output_tokens\":89}");
    }

    @Test
    void shouldOpenATextBlockPingOnceAndCloseBlocksWhenToolCallsBegin() {
        var events = new Events();
        var stream = new ChatToMessagesStream(json, "gpt-4o", events);

        stream.onChunk(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
        stream.onChunk(chunk("{\"content\":\"Hi\"}", null));
        stream.onChunk(chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"a\",\"arguments\":\"{}\"}}]}", null));
        stream.onChunk(chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":\"b\",\"arguments\":\"\"}}]}", null));
        stream.onChunk(chunk("{}", "\"tool_calls\""));
        stream.onUsage(new Usage(30, 7, 10));
        stream.finish();

        assertThat(events.names).containsExactly("message_start", "content_block_start", "ping", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_stop", "content_block_start", "content_block_stop", "message_delta");
        assertThat(events.data.get(0).path("message").path("id").asString()).isEqualTo("msg_chatcmpl1");
        assertThat(events.data.get(8).path("index").asInt()).isEqualTo(2);
        assertThat(events.data.get(8).path("content_block").path("name").asString()).isEqualTo("b");
        assertThat(events.data.getLast().path("usage").toString()).isEqualTo(
                "{\"input_tokens\":20,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":10,\"output_tokens\":7}");
        assertThat(events.usage).isEqualTo(new Usage(30, 7, 10));
    }

    private static String chunk(String delta, String finishReason) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":"
                + delta + ",\"finish_reason\":" + finishReason + "}]}";
    }

    private static ByteArrayInputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The shared HTTP client's constructor is internal to its package; the error mapping is what these tests need. */
    static UpstreamHttp upstreamHttp(JsonMapper json) {
        try {
            var constructor = UpstreamHttp.class.getDeclaredConstructor(UpstreamProperties.class, JsonMapper.class);
            constructor.setAccessible(true);
            return constructor.newInstance(new UpstreamProperties(null, null, null, null, null), json);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class Chunks implements ChatStreamListener {
        final List<JsonNode> chunks = new ArrayList<>();
        final List<Usage> usages = new ArrayList<>();
        JsonNode usageChunk;

        @Override
        public void onChunk(String chunkJson) {
            chunks.add(json.readTree(chunkJson));
        }

        @Override
        public void onUsage(Usage usage) {
            usages.add(usage);
        }

        @Override
        public void onUsageChunk(String chunkJson) {
            usageChunk = json.readTree(chunkJson);
        }

        @Override
        public void onPause() {
        }
    }

    private final class Events implements MessagesStreamListener {
        final List<String> names = new ArrayList<>();
        final List<JsonNode> data = new ArrayList<>();
        Usage usage;

        void add(String event, String json) {
            names.add(event);
            data.add(StreamTranslationTest.this.json.readTree(json));
        }

        @Override
        public void onEvent(String event, String json) {
            add(event, json);
        }

        @Override
        public void onUsage(Usage usage) {
            this.usage = usage;
        }

        @Override
        public void onPause() {
        }
    }
}
