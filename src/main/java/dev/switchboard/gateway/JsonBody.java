package dev.switchboard.gateway;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request's JSON body and the checks its fields must pass before anything is sent. A failed check is a 400
 * {@link Refusal} naming the field, worded as the caller's dialect words it (OpenAI: {@code 'n' must be …}; Anthropic:
 * {@code n: Input should be …}). Numbers are checked as the JSON wrote them: an integer beyond 64 bits, a fraction where
 * an integer belongs, or a value out of range is refused, never truncated.
 */
final class JsonBody {

    /**
     * Switchboard's own request fields. Each belongs to a feature (conversations, fallbacks, templates); until that
     * feature serves it, a request naming one is refused rather than forwarded to a provider that would not know it.
     */
    static final List<String> OWN_FIELDS = List.of("conversation_id", "fallbacks", "template", "variables");

    private final ObjectNode root;
    private final Dialect dialect;

    private JsonBody(ObjectNode root, Dialect dialect) {
        this.root = root;
        this.dialect = dialect;
    }

    /**
     * The request's body as bytes, or null when it has none, read straight from the (size-bounded, {@link RequestSizeLimit})
     * stream: the inference endpoints take any body as JSON, so Spring's converter lookup, body advice and data binder
     * would only add work to every call.
     */
    static byte[] read(HttpServletRequest request) throws IOException {
        var bytes = request.getInputStream().readAllBytes();
        return bytes.length == 0 ? null : bytes;
    }

    static JsonBody parse(JsonMapper json, byte[] body, Dialect dialect) {
        JsonNode root;
        try {
            root = json.readTree(body == null ? new byte[0] : body);
        } catch (JacksonException e) {
            throw Refusal.invalid(null, "invalid_json", dialect == Dialect.OPENAI
                    ? "We could not parse the JSON body of your request. The body must be a valid JSON object."
                    : "The request body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw Refusal.invalid(null, "invalid_json", "The request body must be a JSON object.");
        }
        return new JsonBody((ObjectNode) root, dialect);
    }

    ObjectNode root() {
        return root;
    }

    JsonNode get(String field) {
        var node = root.get(field);
        return node == null || node.isNull() ? null : node;
    }

    String requiredString(String field) {
        var node = required(field);
        if (!node.isString() || node.stringValue().isBlank()) {
            throw invalid(field, "invalid_type", "a non-empty string", "a valid string");
        }
        return node.stringValue();
    }

    /** The optional string, or {@code fallback} when absent or null. */
    String optionalString(String field, String fallback) {
        var node = get(field);
        if (node == null) {
            return fallback;
        }
        if (!node.isString()) {
            throw invalid(field, "invalid_type", "a string", "a valid string");
        }
        return node.stringValue();
    }

    /** The optional boolean, false when absent or null. */
    boolean optionalBoolean(String field) {
        var node = get(field);
        if (node == null) {
            return false;
        }
        if (!node.isBoolean()) {
            throw invalid(field, "invalid_type", "a boolean", "a valid boolean");
        }
        return node.booleanValue();
    }

    /** The optional integer in {@code [min, max]}, or null when absent or null. */
    Long optionalInteger(String field, long min, long max) {
        var node = get(field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            var range = max == Long.MAX_VALUE ? (min == 1 ? "a positive integer" : "an integer of at least " + min)
                    : "an integer from " + min + " to " + max;
            throw invalid(field, "invalid_value", range, range);
        }
        return node.longValue();
    }

    /** The optional integer in {@code [min, max]}, or {@code fallback} when absent or null. */
    int optionalInt(String field, int fallback, int min, int max) {
        var value = optionalInteger(field, min, max);
        return value == null ? fallback : value.intValue();
    }

    /** Checks an optional number to be finite and in {@code [min, max]}. */
    void optionalNumber(String field, double min, double max) {
        var node = get(field);
        if (node != null && (!node.isNumber() || !Double.isFinite(node.doubleValue()) || node.doubleValue() < min || node.doubleValue() > max)) {
            var range = "a number from " + format(min) + " to " + format(max);
            throw invalid(field, "invalid_value", range, range);
        }
    }

    JsonNode requiredNonEmptyArray(String field, String what) {
        var node = required(field);
        if (!node.isArray() || node.isEmpty()) {
            throw invalid(field, "invalid_type", "a non-empty array of " + what, "a non-empty list of " + what);
        }
        return node;
    }

    /**
     * Checks each message of {@code messages}: an object whose {@code role} is one of {@code roles} and whose
     * {@code content} is a string or an array of content parts (objects with a {@code type}); {@code content} may be
     * absent or null only for the roles in {@code contentOptional} (an assistant turn that only calls tools).
     */
    void checkMessages(JsonNode messages, Set<String> roles, Set<String> contentOptional) {
        for (var i = 0; i < messages.size(); i++) {
            var field = "messages[" + i + "]";
            var message = messages.get(i);
            if (!message.isObject()) {
                throw invalid(field, "invalid_type", "an object", "a valid dictionary");
            }
            var role = message.path("role");
            if (!role.isString() || !roles.contains(role.stringValue())) {
                var allowed = "one of " + String.join(", ", roles.stream().sorted().map(r -> "'" + r + "'").toList());
                throw invalid(field + ".role", "invalid_value", allowed, allowed);
            }
            var content = message.get("content");
            if (content == null || content.isNull()) {
                if (!contentOptional.contains(role.stringValue())) {
                    throw missingField(field + ".content");
                }
            } else if (!content.isString() && !(content.isArray() && allParts(content))) {
                throw invalid(field + ".content", "invalid_type", "a string or an array of content parts",
                        "a valid string or a list of content blocks");
            }
        }
    }

    /**
     * The conversation the call joins: the body's {@code conversation_id}, else the header's value, else null. The field
     * is taken out of the body, so it never reaches a provider.
     */
    String takeConversationId(String header) {
        var node = root.remove("conversation_id");
        if (node != null && !node.isNull()) {
            if (!node.isString() || node.stringValue().isBlank() || node.stringValue().length() > 64) {
                throw invalid("conversation_id", "invalid_type", "a conversation id", "a valid conversation id");
            }
            return node.stringValue();
        }
        return header == null || header.isBlank() ? null : header.trim();
    }

    /** Refuses Switchboard's own fields that no feature serves yet (see {@link #OWN_FIELDS}), but those {@code served} here. */
    void refuseOwnFields(String... served) {
        for (var field : OWN_FIELDS) {
            if (root.has(field) && !List.of(served).contains(field)) {
                throw Refusal.invalid(field, "unsupported_parameter", dialect == Dialect.OPENAI
                        ? "'" + field + "' is a Switchboard extension that this gateway does not serve yet; remove it."
                        : field + ": this Switchboard extension is not served yet; remove it.");
            }
        }
    }

    /**
     * Checks routing's {@code fallbacks} (the models to try, in order, when the one asked for fails): absent or null, or
     * a list of at most 10 model names (strings). Which models it names is checked when the call is routed.
     */
    void checkFallbacks() {
        var node = get("fallbacks");
        if (node == null) {
            return;
        }
        if (!node.isArray() || node.size() > 10) {
            throw invalid("fallbacks", "invalid_type", "a list of at most 10 model names", "a valid list of at most 10 model names");
        }
        for (var i = 0; i < node.size(); i++) {
            if (!node.get(i).isString() || node.get(i).stringValue().isBlank()) {
                throw invalid("fallbacks[" + i + "]", "invalid_type", "a model name (a non-empty string)", "a valid string");
            }
        }
    }

    private static boolean allParts(JsonNode content) {
        for (var part : content) {
            if (!part.isObject() || !part.path("type").isString()) {
                return false;
            }
        }
        return true;
    }

    private JsonNode required(String field) {
        var node = get(field);
        if (node == null) {
            throw missingField(field);
        }
        return node;
    }

    Refusal missingField(String field) {
        return dialect == Dialect.OPENAI ? Refusal.missing(field)
                : Refusal.invalid(field, "missing_required_parameter", field + ": Field required");
    }

    /** A 400 for {@code field}: OpenAI says what it must be, Anthropic what the input should be. */
    Refusal invalid(String field, String reason, String openAiMustBe, String anthropicShouldBe) {
        return Refusal.invalid(field, reason, dialect == Dialect.OPENAI ? "'" + field + "' must be " + openAiMustBe + "."
                : field + ": Input should be " + anthropicShouldBe);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
