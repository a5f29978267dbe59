package dev.switchboard.testing;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's own Responses API ({@code POST /v1/responses}) as a mock answer, in its documented wire format: a
 * {@code response} object, or with {@code stream: true} the typed events ({@code event: <type>}, {@code data} carrying the
 * same {@code type} and a {@code sequence_number}), for a text answer or for one function call.
 */
public final class OpenAiResponsesMock {

    private OpenAiResponsesMock() {
    }

    /** Answers with {@code text}; 12 input and 10 output tokens. */
    public static MockUpstream.Responder text(String text) {
        return (request, reply) -> answer(request, reply, message(text));
    }

    /** Answers with a call of {@code name} with {@code argumentsJson}. */
    public static MockUpstream.Responder functionCall(String name, String argumentsJson) {
        return (request, reply) -> answer(request, reply, call(name, argumentsJson));
    }

    private static void answer(MockUpstream.Recorded request, MockUpstream.Reply reply, ObjectNode item) throws java.io.IOException {
        var body = request.json();
        var response = response(body.path("model").asString(), "completed");
        response.putArray("output").add(item);
        response.putObject("usage").put("input_tokens", 12).put("output_tokens", 10).put("total_tokens", 22)
                .set("input_tokens_details", MockUpstream.JSON.createObjectNode().put("cached_tokens", 0));
        if (!body.path("stream").asBoolean(false)) {
            reply.json(200, response.toString());
            return;
        }
        reply.sse(events(body.path("model").asString(), item, response));
    }

    private static List<String> events(String model, ObjectNode item, ObjectNode completed) {
        var events = new ArrayList<String>();
        var started = response(model, "in_progress");
        started.putArray("output");
        started.putNull("usage");
        events.add(event(events.size(), "response.created", MockUpstream.JSON.createObjectNode().set("response", started)));
        events.add(event(events.size(), "response.in_progress", MockUpstream.JSON.createObjectNode().set("response", started)));
        var open = item.deepCopy().put("status", "in_progress");
        var isMessage = item.path("type").asString().equals("message");
        if (isMessage) {
            open.putArray("content");
        } else {
            open.put("arguments", "");
        }
        events.add(event(events.size(), "response.output_item.added", MockUpstream.JSON.createObjectNode().put("output_index", 0).set("item", open)));
        var id = item.path("id").asString();
        if (isMessage) {
            var text = item.path("content").get(0).path("text").asString();
            var empty = item.path("content").get(0).deepCopy();
            ((ObjectNode) empty).put("text", "");
            events.add(event(events.size(), "response.content_part.added", MockUpstream.JSON.createObjectNode().put("item_id", id)
                    .put("output_index", 0).put("content_index", 0).set("part", empty)));
            events.add(event(events.size(), "response.output_text.delta", MockUpstream.JSON.createObjectNode().put("item_id", id)
                    .put("output_index", 0).put("content_index", 0).put("delta", text)));
            events.add(event(events.size(), "response.output_text.done", MockUpstream.JSON.createObjectNode().put("item_id", id)
                    .put("output_index", 0).put("content_index", 0).put("text", text)));
            events.add(event(events.size(), "response.content_part.done", MockUpstream.JSON.createObjectNode().put("item_id", id)
                    .put("output_index", 0).put("content_index", 0).set("part", item.path("content").get(0))));
        } else {
            var arguments = item.path("arguments").asString();
            events.add(event(events.size(), "response.function_call_arguments.delta", MockUpstream.JSON.createObjectNode()
                    .put("item_id", id).put("output_index", 0).put("delta", arguments)));
            events.add(event(events.size(), "response.function_call_arguments.done", MockUpstream.JSON.createObjectNode()
                    .put("item_id", id).put("output_index", 0).put("arguments", arguments)));
        }
        events.add(event(events.size(), "response.output_item.done", MockUpstream.JSON.createObjectNode().put("output_index", 0).set("item", item)));
        events.add(event(events.size(), "response.completed", MockUpstream.JSON.createObjectNode().set("response", completed)));
        return events;
    }

    private static String event(int sequence, String type, ObjectNode data) {
        var event = MockUpstream.JSON.createObjectNode().put("type", type).put("sequence_number", sequence);
        event.setAll(data);
        return "event: " + type + "\ndata: " + event + "\n\n";
    }

    private static ObjectNode response(String model, String status) {
        return MockUpstream.JSON.createObjectNode().put("id", "resp_mock" + System.nanoTime()).put("object", "response")
                .put("created_at", 1767225600L).put("status", status).put("model", model);
    }

    private static ObjectNode message(String text) {
        var item = MockUpstream.JSON.createObjectNode().put("id", "msg_mock1").put("type", "message").put("status", "completed")
                .put("role", "assistant");
        item.putArray("content").addObject().put("type", "output_text").put("text", text).putArray("annotations");
        return item;
    }

    private static ObjectNode call(String name, String argumentsJson) {
        return MockUpstream.JSON.createObjectNode().put("id", "fc_mock1").put("type", "function_call").put("status", "completed")
                .put("arguments", argumentsJson).put("call_id", "call_mock1").put("name", name);
    }
}
