package dev.switchboard.gateway;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.catalog.AvailableModels;
import dev.switchboard.catalog.Model;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import dev.switchboard.access.Caller;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Anthropic's Messages API, as its SDKs call it: {@code x-api-key} (or a bearer token), any {@code anthropic-version},
 * the answer as a {@code message} object or, with {@code stream: true}, Anthropic's event stream. {@code anthropic-beta}
 * is forwarded to Anthropic upstreams.
 */
@RestController
class AnthropicController {

    private final AnthropicRequests requests;
    private final Inference inference;
    private final CallServing serving;
    private final AvailableModels models;

    AnthropicController(AnthropicRequests requests, Inference inference, CallServing serving, AvailableModels models) {
        this.requests = requests;
        this.inference = inference;
        this.serving = serving;
        this.models = models;
    }

    @PostMapping("/v1/messages/count_tokens")
    void countTokens(Caller caller, @RequestHeader(name = "anthropic-beta", required = false) String beta, HttpServletRequest request,
                     HttpServletResponse response) throws IOException {
        var answer = new WholeAnswer();
        inference.execute(requests.countTokens(caller, JsonBody.read(request), beta, RequestIds.of(request)), answer);
        answer.send(response);
    }

    @PostMapping("/v1/messages")
    void messages(Caller caller, @RequestHeader(name = "anthropic-beta", required = false) String beta, HttpServletRequest request,
                  HttpServletResponse response) throws IOException {
        var messages = requests.messages(caller, JsonBody.read(request), beta, RequestIds.of(request), request.getHeader(ConversationCalls.HEADER));
        var call = messages.call();
        if (!call.stream()) {
            var answer = new WholeAnswer();
            serving.serve(call, messages.conversationId(), answer);
            answer.send(response);
            return;
        }
        serving.serve(call, messages.conversationId(), new AnthropicSseRelay(response));
    }

    /**
     * Anthropic's models list, for its SDKs ({@code client.models.list()}), told apart from OpenAI's on the same path by
     * the {@code anthropic-version} header they always send: newest first isn't meaningful here, so catalog order, with
     * Anthropic's {@code limit} / {@code after_id} / {@code before_id} paging.
     */
    @GetMapping(path = "/v1/models", headers = "anthropic-version")
    AnthropicModelPage models(Caller caller, @RequestParam(defaultValue = "20") int limit,
                              @RequestParam(name = "after_id", required = false) String afterId,
                              @RequestParam(name = "before_id", required = false) String beforeId) {
        if (limit < 1 || limit > 1000) {
            throw Refusal.invalid("limit", "invalid_value", "limit: must be between 1 and 1000");
        }
        var all = models.usableBy(caller).stream().map(AnthropicModel::of).toList();
        var from = afterId == null ? 0 : indexOf(all, afterId, "after_id") + 1;
        var to = beforeId == null ? all.size() : indexOf(all, beforeId, "before_id");
        if (beforeId != null && afterId == null) {
            from = Math.max(0, to - limit);
        }
        var page = from >= to ? List.<AnthropicModel>of() : all.subList(from, Math.min(to, from + limit));
        return new AnthropicModelPage(page, from + page.size() < to, page.isEmpty() ? null : page.getFirst().id(),
                page.isEmpty() ? null : page.getLast().id());
    }

    @GetMapping(path = "/v1/models/{*model}", headers = "anthropic-version")
    AnthropicModel model(Caller caller, @PathVariable String model) {
        var name = model.startsWith("/") ? model.substring(1) : model;
        return models.usableBy(caller).stream().filter(m -> m.name().equals(name)).findFirst().map(AnthropicModel::of)
                .orElseThrow(() -> Refusal.modelNotFound(name));
    }

    private static int indexOf(List<AnthropicModel> all, String id, String param) {
        for (var i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(id)) {
                return i;
            }
        }
        throw Refusal.invalid(param, "invalid_value", param + ": no model with id " + id);
    }

    record AnthropicModel(String type, String id, @JsonProperty("display_name") String displayName,
                          @JsonProperty("created_at") String createdAt) {
        static AnthropicModel of(Model model) {
            return new AnthropicModel("model", model.name(), model.displayName(),
                    Instant.ofEpochMilli(model.createdAtMillis()).toString());
        }
    }

    record AnthropicModelPage(List<AnthropicModel> data, @JsonProperty("has_more") boolean hasMore,
                              @JsonProperty("first_id") String firstId, @JsonProperty("last_id") String lastId) {
    }
}
