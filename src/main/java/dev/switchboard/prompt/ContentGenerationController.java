package dev.switchboard.prompt;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.access.Caller;
import dev.switchboard.gateway.RefusalProblems;
import dev.switchboard.money.Money;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/llm/generate-content} (seed 002): one answer per language, generated concurrently, each billed. */
@RestController
@RefusalProblems.Served
class ContentGenerationController {

    private final ContentGeneration generation;

    ContentGenerationController(ContentGeneration generation) {
        this.generation = generation;
    }

    record GenerateRequest(String prompt, String template, JsonNode variables, List<String> languages, String provider, String model,
                           @JsonProperty("max_tokens") Long maxTokens) {
    }

    record Generated(List<ResultView> results, @JsonProperty("total_cost_usd") BigDecimal totalCostUsd) {
    }

    record ResultView(String language, String content, String model, @JsonProperty("input_tokens") long inputTokens,
                      @JsonProperty("output_tokens") long outputTokens, @JsonProperty("cost_usd") BigDecimal costUsd,
                      @JsonProperty("generation_time_ms") long generationTimeMillis, ErrorView error) {
    }

    record ErrorView(int status, String code, String message) {
    }

    @PostMapping("/api/v1/llm/generate-content")
    Generated generate(Caller caller, @RequestBody GenerateRequest body) {
        var results = generation.generate(caller, new ContentGeneration.Request(body.prompt(), body.template(), body.variables(),
                body.languages(), body.provider(), body.model(), body.maxTokens()));
        var total = results.stream().map(ContentGeneration.Result::cost).reduce(Money.ZERO, Money::plus);
        return new Generated(results.stream().map(r -> new ResultView(r.language(), r.content(), r.model(), r.inputTokens(), r.outputTokens(),
                r.cost().toUsd(), r.generationMillis(), r.error() == null ? null
                : new ErrorView(r.error().status(), r.error().reason(), r.error().message()))).toList(), total.toUsd());
    }
}
