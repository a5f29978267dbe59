package dev.switchboard.provider.openai;

import dev.switchboard.provider.EmbeddingAdapter;
import dev.switchboard.provider.ImageAdapter;
import dev.switchboard.provider.UpstreamReply;
import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.provider.Usage;
import dev.switchboard.provider.WireFormat;
import dev.switchboard.provider.http.UpstreamHttp;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /embeddings} and {@code /images/generations} for the OpenAI-compatible family: requests and answers pass
 * through unchanged; only the usage is read (embeddings: {@code usage.prompt_tokens}; gpt-image-1:
 * {@code usage.input_tokens} / {@code output_tokens}).
 */
@Component
class OpenAiMedia implements EmbeddingAdapter, ImageAdapter {

    private final UpstreamHttp http;
    private final OpenAiFamily family;

    OpenAiMedia(UpstreamHttp http, OpenAiFamily family) {
        this.http = http;
        this.family = family;
    }

    @Override
    public WireFormat wireFormat() {
        return WireFormat.OPENAI;
    }

    @Override
    public UpstreamReply embed(UpstreamTarget target, ObjectNode request) {
        var body = post(target, "/embeddings", request);
        var usage = read(target, body).path("usage");
        return new UpstreamReply(body, Usage.reported(Usage.count(usage.path("prompt_tokens")), 0, 0));
    }

    @Override
    public UpstreamReply generate(UpstreamTarget target, ObjectNode request) {
        var body = post(target, "/images/generations", request);
        var usage = read(target, body).path("usage");
        return new UpstreamReply(body, usage.isObject()
                ? Usage.reported(Usage.count(usage.path("input_tokens")), Usage.count(usage.path("output_tokens")), 0) : Usage.NONE);
    }

    private byte[] post(UpstreamTarget target, String path, ObjectNode request) {
        return http.send(target.providerId(), family.post(target, path, request));
    }

    private JsonNode read(UpstreamTarget target, byte[] body) {
        return http.readJson(target.providerId(), body);
    }
}
