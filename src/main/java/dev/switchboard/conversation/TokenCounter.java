package dev.switchboard.conversation;

import com.knuddels.jtokkit.api.Encoding;
import dev.switchboard.provider.Tokenizers;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Counts a message's tokens with a real BPE tokenizer (JTokkit): the model's own encoding for OpenAI's models, and
 * {@code o200k_base} for the others, whose tokenizers are not public (close enough to decide what fits, never used to
 * bill; special tokens in the text count as ordinary text). A message costs its role and content plus OpenAI's 3 tokens of framing; an image part is counted as 765 tokens,
 * what OpenAI charges a 1024x1024 image in high detail, so a history with pictures is not under-counted.
 */
@Component
class TokenCounter {

    static final int PER_MESSAGE = 3;
    static final int PER_IMAGE = 765;
    /** What the answer's priming costs ({@code <|start|>assistant<|message|>}). */
    static final int REPLY_PRIMING = 3;

    Encoding encodingFor(String upstreamModel) {
        return Tokenizers.forModel(upstreamModel);
    }

    /** A message ({@code role} and {@code content}) in either dialect. */
    int message(Encoding encoding, String role, JsonNode content) {
        return PER_MESSAGE + encoding.countTokensOrdinary(role) + content(encoding, content);
    }

    /** A string, or an array of content parts (text, images, anything else counted as its JSON). */
    int content(Encoding encoding, JsonNode content) {
        if (content == null || content.isNull() || content.isMissingNode()) {
            return 0;
        }
        if (content.isString()) {
            return encoding.countTokensOrdinary(content.stringValue());
        }
        var tokens = 0;
        for (var part : content) {
            var type = part.path("type").asString("");
            tokens += switch (type) {
                case "text" -> encoding.countTokensOrdinary(part.path("text").asString(""));
                case "image_url", "image", "input_image" -> PER_IMAGE;
                default -> encoding.countTokensOrdinary(part.toString());
            };
        }
        return tokens;
    }
}
