package dev.switchboard.catalog.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.switchboard.catalog.CatalogChangeRefused;
import dev.switchboard.catalog.Price;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An admin's JSON body, read field by field so that every refusal names its field: an unknown field, a value of the
 * wrong type, a price that is negative or has more than nine decimals. Decimals are read exactly (never through a
 * binary float); a repeated field is refused. Read with {@link #has} which fields were sent: an absent field is left
 * as it is, a {@code null} one is cleared where that is allowed.
 */
final class AdminJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final JsonNode body;
    private final String prefix;

    private AdminJson(JsonNode body, String prefix) {
        this.body = body;
        this.prefix = prefix;
    }

    static AdminJson parse(String json, Set<String> known) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json == null ? "" : json);
        } catch (JacksonException e) {
            throw invalid(null, "The body must be a JSON object: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw invalid(null, "The body must be a JSON object.");
        }
        for (var name : node.propertyNames()) {
            if (!known.contains(name)) {
                throw invalid(name, "Unknown field '" + name + "'. Known fields: " + String.join(", ", new TreeSet<>(known)) + ".");
            }
        }
        return new AdminJson(node, "");
    }

    boolean has(String field) {
        return body.has(field);
    }

    boolean isNull(String field) {
        return body.has(field) && body.get(field).isNull();
    }

    boolean bool(String field) {
        var value = body.get(field);
        if (value == null || !value.isBoolean()) {
            throw invalid(at(field), "'" + at(field) + "' must be true or false.");
        }
        return value.booleanValue();
    }

    String string(String field) {
        var value = body.get(field);
        if (value == null || !value.isString()) {
            throw invalid(at(field), "'" + at(field) + "' must be a string.");
        }
        return value.stringValue().trim();
    }

    /** A JSON number, or a string holding one: both are read exactly. */
    BigDecimal decimal(String field, String expected) {
        var value = body.get(field);
        try {
            if (value != null && value.isNumber()) {
                return value.decimalValue();
            }
            if (value != null && value.isString()) {
                return new BigDecimal(value.stringValue().trim());
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw invalid(at(field), "'" + at(field) + "' must be " + expected + ".");
    }

    /** A price in USD (per 1M tokens, or per image) as nano-USD: not negative, at most nine decimals. */
    long usd(String field) {
        return usd(at(field), decimal(field, "a decimal amount of USD"));
    }

    static long usd(String field, BigDecimal amount) {
        return Price.nanosOf(field, amount);
    }

    int positiveInt(String field) {
        var value = body.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() <= 0) {
            throw invalid(at(field), "'" + at(field) + "' must be a positive integer.");
        }
        return value.intValue();
    }

    int nonNegativeInt(String field) {
        var value = body.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw invalid(at(field), "'" + at(field) + "' must be an integer of at least 0.");
        }
        return value.intValue();
    }

    List<String> strings(String field) {
        var value = body.get(field);
        if (value == null || !value.isArray()) {
            throw invalid(at(field), "'" + at(field) + "' must be a list of strings.");
        }
        var strings = new ArrayList<String>();
        for (var element : value) {
            if (!element.isString()) {
                throw invalid(at(field), "'" + at(field) + "' must be a list of strings.");
            }
            strings.add(element.stringValue().trim());
        }
        return strings;
    }

    /** The elements of a list of objects, each read as its own body with its own known fields. */
    List<AdminJson> objects(String field, Set<String> known) {
        var value = body.get(field);
        if (value == null || !value.isArray()) {
            throw invalid(at(field), "'" + at(field) + "' must be a list of objects.");
        }
        var objects = new ArrayList<AdminJson>();
        for (var element : value) {
            var at = at(field) + "[" + objects.size() + "]";
            if (!element.isObject()) {
                throw invalid(at(field), "'" + at(field) + "' must be a list of objects.");
            }
            for (var name : element.propertyNames()) {
                if (!known.contains(name)) {
                    throw invalid(at + "." + name, "Unknown field '" + at + "." + name + "'. Known fields: "
                            + String.join(", ", new TreeSet<>(known)) + ".");
                }
            }
            objects.add(new AdminJson(element, at + "."));
        }
        return objects;
    }

    private String at(String field) {
        return prefix + field;
    }

    static CatalogChangeRefused invalid(String field, String message) {
        return CatalogChangeRefused.invalid(field, message);
    }
}
