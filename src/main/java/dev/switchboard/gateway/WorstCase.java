package dev.switchboard.gateway;

import java.nio.charset.StandardCharsets;

import com.knuddels.jtokkit.api.Encoding;
import dev.switchboard.catalog.Model;
import dev.switchboard.gateway.CallRequest.Billing;
import dev.switchboard.metering.Costs;
import dev.switchboard.provider.Tokenizers;
import dev.switchboard.provider.Usage;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The most a call can cost on a candidate, reserved against limits before it is sent and settled to the real cost after:
 * its prompt counted with a real tokenizer (JTokkit's {@code o200k_base}, OpenAI's current one, with OpenAI's overhead
 * per message; other providers' tokenizers differ by a few percent, so the text's count is raised by
 * {@link #MARGIN_PERCENT}, and the reservation settles to what the provider reported anyway), with inline images and files ({@code data:} URLs and base64
 * sources) left out because providers bill them apart and far below their size, plus {@code max_tokens} (or the model's
 * output limit, or when neither is known {@link #DEFAULT_MAX_OUTPUT_TOKENS}) at the output price. Images cost their price
 * times {@code n}; counting tokens nothing.
 */
@Component
class WorstCase {

    /** The output assumed for a request that sets no {@code max_tokens}: Anthropic's default limit for such requests. */
    static final long DEFAULT_MAX_OUTPUT_TOKENS = 4096;
    static final long MARGIN_PERCENT = 10;

    private final ImagePricing imagePricing;

    WorstCase(ImagePricing imagePricing) {
        this.imagePricing = imagePricing;
        Tokenizers.preload();
    }

    /** The tokens a call may use at most: its prompt's estimate and its output limit (what a tokens-per-minute limit counts). */
    long tokens(CallRequest request, Model model) {
        return request.billing() instanceof Billing.Tokens ? Math.min(Usage.MAX_TOKENS, promptTokens(request) + outputTokens(request, model)) : 0;
    }

    /**
     * OpenAI's way of counting a chat prompt: each string's tokens (the model's name aside), three more per message and
     * three for the reply's start; then the margin.
     */
    private static long promptTokens(CallRequest request) {
        var memo = CallMemo.of(request); // counted once per call (see CallMemo)
        return memo == null ? countPrompt(request) : memo.promptTokens(WorstCase::countPrompt);
    }

    private static long countPrompt(CallRequest request) {
        var body = request.body();
        body.remove("model");
        var counted = countText(body, Tokenizers.o200k());
        var messages = body.path("messages").isArray() ? body.path("messages").size() : 1;
        return Math.min(Usage.MAX_TOKENS, counted + counted * MARGIN_PERCENT / 100 + 3L * messages + 3);
    }

    private static long outputTokens(CallRequest request, Model model) {
        if (request.endpoint() == Endpoint.EMBEDDINGS) {
            return 0;
        }
        if (request.maxOutputTokens() != null) {
            return Math.min(Usage.MAX_TOKENS, request.maxOutputTokens());
        }
        var limit = model.limits().maxOutputTokens();
        return limit != null ? limit : DEFAULT_MAX_OUTPUT_TOKENS;
    }

    /** The tokens of the request's strings, inline media left out. */
    private static long countText(JsonNode node, Encoding tokenizer) {
        if (node.isString()) {
            var value = node.stringValue();
            return value.startsWith("data:") ? 0 : tokenizer.countTokensOrdinary(value);
        }
        if (node.isObject() && "base64".equals(node.path("type").asString(""))) {
            return 0;
        }
        var tokens = 0L;
        for (var child : node) {
            tokens += countText(child, tokenizer);
        }
        return tokens;
    }

    long nanos(CallRequest request, Model model) {
        return switch (request.billing()) {
            case Billing.Free free -> 0;
            case Billing.Images images -> {
                var price = imagePricing.price(model, images);
                yield price == null ? 0 : Costs.ofImages(price, images.n()).nanoUsd();
            }
            case Billing.Tokens tokens -> Costs.of(model.price(), new Usage(promptTokens(request), outputTokens(request, model), 0)).nanoUsd();
        };
    }

    /** The bytes of a request's text without inline media: {@code count_tokens}' offline estimate reads them. */
    static long textBytes(JsonNode node) {
        if (node.isString()) {
            var text = node.stringValue();
            return text.startsWith("data:") ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
        }
        if (node.isObject() && "base64".equals(node.path("type").asString(""))) {
            return 0;
        }
        var total = 0L;
        for (var child : node) {
            total += textBytes(child);
        }
        return total;
    }
}
