package dev.switchboard.gateway;

import dev.switchboard.access.Caller;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Reads an OpenAI chat request and decides its {@link ChatCall}, or refuses it with the field at fault named. */
@Component
class ChatCalls {

    private final JsonMapper json;
    private final Routes routes;

    ChatCalls(JsonMapper json, Routes routes) {
        this.json = json;
        this.routes = routes;
    }

    ChatCall decide(Caller caller, byte[] body) {
        var started = System.nanoTime();
        var request = OpenAiBodies.parse(json, body);
        var modelName = OpenAiBodies.requireString(request, "model");
        var messages = request.get("messages");
        if (messages == null || messages.isNull()) {
            throw GatewayException.missing("messages");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw GatewayException.invalid("messages", "invalid_type", "'messages' must be a non-empty array of message objects.");
        }
        var stream = OpenAiBodies.optionalBoolean(request, "stream");
        var options = request.get("stream_options");
        var wantsUsage = options != null && options.isObject() && options.path("include_usage").asBoolean(false);
        var route = routes.resolve(caller, modelName);
        ModelKinds.require(route, ModelKinds.CHAT, "/v1/chat/completions");
        request.put("model", route.model().upstreamModel());
        return new ChatCall(caller, route, request, stream, wantsUsage, started);
    }
}
