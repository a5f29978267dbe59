package dev.switchboard.provider.gemini;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.switchboard.provider.EmbeddingAdapter;
import dev.switchboard.provider.ProviderException;
import dev.switchboard.provider.UpstreamReply;
import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.provider.Usage;
import dev.switchboard.provider.WireFormat;
import dev.switchboard.provider.http.UpstreamHttp;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI embeddings requests served by Gemini's {@code :batchEmbedContents}: each input string becomes one
 * {@code EmbedContentRequest} ({@code dimensions} → {@code outputDimensionality}); the {@code embeddings[].values}
 * become OpenAI's list ({@code encoding_format: base64} → little-endian float32, as OpenAI encodes). Token arrays
 * cannot be sent to Gemini. The Gemini API reports no token count for embeddings: {@code usageMetadata.promptTokenCount}
 * is used when present, otherwise the input is estimated at one token per four UTF-8 bytes, rounded up per input.
 */
@Component
class GeminiEmbeddings implements EmbeddingAdapter {

    private final UpstreamHttp http;
    private final JsonMapper json;

    GeminiEmbeddings(UpstreamHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public WireFormat wireFormat() {
        return WireFormat.GEMINI;
    }

    @Override
    public UpstreamReply embed(UpstreamTarget target, ObjectNode request) {
        var inputs = inputs(request.path("input"));
        var batch = json.createObjectNode();
        var requests = batch.putArray("requests");
        var model = "models/" + (target.upstreamModel().startsWith("models/") ? target.upstreamModel().substring(7) : target.upstreamModel());
        for (var input : inputs) {
            var one = requests.addObject();
            one.put("model", model);
            one.putObject("content").putArray("parts").addObject().put("text", input);
            if (request.path("dimensions").isNumber()) {
                one.put("outputDimensionality", request.path("dimensions").asInt());
            }
        }
        var builder = http.postJson(GeminiChatAdapter.modelUrl(target, ":batchEmbedContents"), json.writeValueAsBytes(batch));
        if (target.apiKey() != null) {
            builder.header("x-goog-api-key", target.apiKey());
        }
        var answer = http.readJson(target.providerId(), http.send(target.providerId(), builder.build()));
        var usage = Usage.reported(promptTokens(answer, inputs), 0, 0);
        return new UpstreamReply(json.writeValueAsBytes(toOpenAi(answer, request, target, usage)), usage);
    }

    private ObjectNode toOpenAi(JsonNode answer, ObjectNode request, UpstreamTarget target, Usage usage) {
        var base64 = "base64".equals(request.path("encoding_format").asString("float"));
        var root = json.createObjectNode();
        root.put("object", "list");
        var data = root.putArray("data");
        for (var embedding : answer.path("embeddings")) {
            var item = data.addObject();
            item.put("object", "embedding");
            item.put("index", data.size() - 1);
            if (base64) {
                item.put("embedding", base64(embedding.path("values")));
            } else {
                item.set("embedding", embedding.path("values"));
            }
        }
        root.put("model", target.upstreamModel());
        root.putObject("usage").put("prompt_tokens", usage.inputTokens()).put("total_tokens", usage.inputTokens());
        return root;
    }

    private static List<String> inputs(JsonNode input) {
        var inputs = new ArrayList<String>();
        if (input.isString()) {
            inputs.add(input.stringValue());
            return inputs;
        }
        for (var item : input) {
            if (!item.isString()) {
                throw ProviderException.notSent("Gemini embedding models take text input only, not token arrays.");
            }
            inputs.add(item.stringValue());
        }
        return inputs;
    }

    private static long promptTokens(JsonNode answer, List<String> inputs) {
        var reported = answer.path("usageMetadata").path("promptTokenCount");
        if (!reported.isMissingNode() && !reported.isNull()) {
            return Usage.count(reported);
        }
        return inputs.stream().mapToLong(s -> (s.getBytes(StandardCharsets.UTF_8).length + 3) / 4).sum();
    }

    private static String base64(JsonNode values) {
        var buffer = ByteBuffer.allocate(values.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        values.forEach(v -> buffer.putFloat(v.floatValue()));
        return Base64.getEncoder().encodeToString(buffer.array());
    }
}
