package dev.switchboard.gateway;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.access.Caller;
import dev.switchboard.catalog.Model;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The OpenAI-compatible inference API. */
@RestController
class OpenAiController {

    private final ChatCalls calls;
    private final ChatService chat;
    private final CallerModels models;

    OpenAiController(ChatCalls calls, ChatService chat, CallerModels models) {
        this.calls = calls;
        this.chat = chat;
        this.models = models;
    }

    @PostMapping("/v1/chat/completions")
    ResponseEntity<byte[]> chatCompletions(Caller caller, @RequestBody(required = false) byte[] body, HttpServletResponse response) {
        var call = calls.decide(caller, body == null ? new byte[0] : body);
        if (!call.stream()) {
            return chat.complete(call);
        }
        chat.stream(call, response);
        return null;
    }

    @GetMapping("/v1/models")
    ModelList models(Caller caller) {
        return new ModelList("list", models.usable(caller).stream().map(OpenAiModel::of).toList());
    }

    @GetMapping("/v1/models/{*model}")
    OpenAiModel model(Caller caller, @PathVariable String model) {
        var name = model.startsWith("/") ? model.substring(1) : model;
        return models.usable(caller).stream().filter(m -> m.name().equals(name)).findFirst().map(OpenAiModel::of)
                .orElseThrow(() -> GatewayException.modelNotFound(name));
    }

    record ModelList(String object, List<OpenAiModel> data) {
    }

    record OpenAiModel(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
        static OpenAiModel of(Model model) {
            return new OpenAiModel(model.name(), "model", model.createdAtMillis() / 1000, model.providerId());
        }
    }
}
