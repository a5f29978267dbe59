package dev.switchboard.conversation;

import dev.switchboard.gateway.CallFailure;
import dev.switchboard.gateway.ChatStreamSink;
import dev.switchboard.gateway.Dialect;
import dev.switchboard.gateway.JsonSink;
import dev.switchboard.gateway.MessagesStreamSink;
import dev.switchboard.gateway.ResponsesStreamSink;
import dev.switchboard.gateway.Metered;
import dev.switchboard.gateway.Sink;
import dev.switchboard.provider.Usage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What a conversation keeps of an answer while it passes to the client: its text as it arrives (or the whole answer's
 * content) and how the pipeline recorded it. {@link #around} puts it between the pipeline and the caller's sink, which
 * still receives everything unchanged.
 */
final class Answer {

    private final JsonMapper json;
    private final Dialect dialect;
    private final StringBuilder text = new StringBuilder();
    private JsonNode whole;
    private Metered metered;
    private Sink client;

    Answer(JsonMapper json, Dialect dialect) {
        this.json = json;
        this.dialect = dialect;
    }

    /** The caller's sink, with this answer listening in. */
    Sink around(Sink sink) {
        this.client = sink;
        return switch (sink) {
            case JsonSink whole -> new Whole(whole);
            case ChatStreamSink chat -> new ChatStream(chat);
            case MessagesStreamSink messages -> new MessagesStream(messages);
            // the Responses API keeps its own history (previous_response_id) and takes no conversation_id
            case ResponsesStreamSink responses -> throw new IllegalStateException("a Responses stream has no conversation");
        };
    }

    /** How the last attempt was recorded; null when none reached a provider. */
    Metered metered() {
        return metered;
    }

    /** Whether there is an answer to keep: a whole one, or part of one that reached the client or arrived before it left. */
    boolean worthKeeping() {
        return metered != null && (metered.complete() || client.started() || !text.isEmpty());
    }

    /** The content to store: a whole answer's content, or the text that arrived. */
    JsonNode content() {
        return whole != null ? whole : JsonNodeFactory.instance.stringNode(text.toString());
    }

    /** The text of one OpenAI stream chunk ({@code choices[0].delta.content}), empty when it carries none. */
    static String chatDelta(JsonMapper json, String chunkJson) {
        var delta = json.readTree(chunkJson).path("choices").path(0).path("delta").path("content");
        return delta.isString() ? delta.stringValue() : "";
    }

    private void keepWhole(byte[] answer) {
        var root = json.readTree(answer);
        if (dialect == Dialect.OPENAI) {
            var content = root.path("choices").path(0).path("message").path("content");
            whole = JsonNodeFactory.instance.stringNode(content.isString() ? content.stringValue() : "");
            return;
        }
        var blocks = root.path("content");
        var allText = blocks.isArray();
        for (var block : blocks) {
            allText &= "text".equals(block.path("type").asString(""));
        }
        if (!allText) {
            whole = blocks;
            return;
        }
        var joined = new StringBuilder();
        blocks.forEach(b -> joined.append(b.path("text").asString("")));
        whole = JsonNodeFactory.instance.stringNode(joined.toString());
    }

    private void keepEvent(String event, String data) {
        if ("content_block_delta".equals(event)) {
            var delta = json.readTree(data).path("delta");
            if ("text_delta".equals(delta.path("type").asString(""))) {
                text.append(delta.path("text").asString(""));
            }
        }
    }

    private final class Whole implements JsonSink {
        private final JsonSink sink;

        Whole(JsonSink sink) {
            this.sink = sink;
        }

        @Override
        public void answer(byte[] answer) {
            keepWhole(answer);
            sink.answer(answer);
        }

        @Override
        public void recorded(Metered recorded) {
            metered = recorded;
            sink.recorded(recorded);
        }
    }

    private final class ChatStream implements ChatStreamSink {
        private final ChatStreamSink sink;

        ChatStream(ChatStreamSink sink) {
            this.sink = sink;
        }

        @Override
        public void onChunk(String chunkJson) {
            text.append(chatDelta(json, chunkJson));
            sink.onChunk(chunkJson);
        }

        @Override
        public void onUsage(Usage usage) {
            sink.onUsage(usage);
        }

        @Override
        public void onUsageChunk(String chunkJson) {
            sink.onUsageChunk(chunkJson);
        }

        @Override
        public void onPause() {
            sink.onPause();
        }

        @Override
        public void done() {
            sink.done();
        }

        @Override
        public boolean started() {
            return sink.started();
        }

        @Override
        public void failMidway(CallFailure failure) {
            sink.failMidway(failure);
        }

        @Override
        public void recorded(Metered recorded) {
            metered = recorded;
            sink.recorded(recorded);
        }
    }

    private final class MessagesStream implements MessagesStreamSink {
        private final MessagesStreamSink sink;

        MessagesStream(MessagesStreamSink sink) {
            this.sink = sink;
        }

        @Override
        public void onEvent(String event, String data) {
            keepEvent(event, data);
            sink.onEvent(event, data);
        }

        @Override
        public void onUsage(Usage usage) {
            sink.onUsage(usage);
        }

        @Override
        public void onPause() {
            sink.onPause();
        }

        @Override
        public void stop(String messageStopData) {
            sink.stop(messageStopData);
        }

        @Override
        public boolean started() {
            return sink.started();
        }

        @Override
        public void failMidway(CallFailure failure) {
            sink.failMidway(failure);
        }

        @Override
        public void recorded(Metered recorded) {
            metered = recorded;
            sink.recorded(recorded);
        }
    }
}
