package dev.switchboard.gateway;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.access.Caller;
import dev.switchboard.catalog.AvailableModels;
import dev.switchboard.catalog.Model;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The OpenAI-compatible inference API. */
@RestController
class OpenAiController {

    private final OpenAiRequests requests;
    private final CallServing serving;
    private final AvailableModels models;

    OpenAiController(OpenAiRequests requests, CallServing serving, AvailableModels models) {
        this.requests = requests;
        this.serving = serving;
        this.models = models;
    }

    @PostMapping("/v1/chat/completions")
    void chatCompletions(Caller caller, HttpServletRequest request, HttpServletResponse response) throws IOException {
        var chat = requests.chat(caller, JsonBody.read(request), RequestIds.of(request), request.getHeader(ConversationCalls.HEADER));
        if (!chat.call().stream()) {
            var answer = new WholeAnswer();
            serving.serve(chat.call(), chat.conversationId(), answer);
            answer.send(response);
            return;
        }
        serving.serve(chat.call(), chat.conversationId(), new OpenAiSseRelay(response, chat.includeUsage()));
    }

    @GetMapping("/v1/models")
    ModelList models(Caller caller) {
        return new ModelList("list", models.usableBy(caller).stream().map(OpenAiModel::of).toList());
    }

    @GetMapping("/v1/models/{*model}")
    OpenAiModel model(Caller caller, @PathVariable String model) {
        var name = model.startsWith("/") ? model.substring(1) : model;
        return models.usableBy(caller).stream().filter(m -> m.name().equals(name)).findFirst().map(OpenAiModel::of)
                .orElseThrow(() -> Refusal.modelNotFound(name));
    }

    record ModelList(String object, List<OpenAiModel> data) {
    }

    record OpenAiModel(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
        static OpenAiModel of(Model model) {
            return new OpenAiModel(model.name(), "model", model.createdAtMillis() / 1000, model.providerId());
        }
    }
}
