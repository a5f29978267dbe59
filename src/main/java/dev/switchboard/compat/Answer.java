package dev.switchboard.compat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a Switchboard route answered a re-dispatched call: its status, content type, body and the headers a client
 * may need ({@code Location}, {@code WWW-Authenticate}, {@code Retry-After}). Decimals are read exactly.
 */
record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final Pattern QUOTED = Pattern.compile("'([A-Za-z_][A-Za-z0-9_.\\[\\]]*)'");

    Answer {
        headers = Map.copyOf(headers);
    }

    static Answer of(int status, String detail) {
        var problem = JsonNodeFactory.instance.objectNode().put("title", org.springframework.http.HttpStatus.valueOf(status).getReasonPhrase())
                .put("status", status).put("detail", detail);
        return new Answer(status, "application/problem+json", problem.toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    Answer withHeader(String name, String value) {
        var more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new Answer(status, contentType, body, more);
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }

    boolean isJson() {
        return contentType != null && contentType.contains("json") && body.length > 0;
    }

    /** The body as JSON; an empty or non-JSON body is an empty object. */
    JsonNode json() {
        if (!isJson()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    /** A failure's message: the problem's {@code detail}, or a generic one when the route wrote none. */
    String detail() {
        var detail = json().path("detail");
        return detail.isString() && !detail.stringValue().isBlank() ? detail.stringValue() : "The request failed (" + status + ").";
    }

    /** The field a failure names: the problem's {@code field} (or {@code param}), or the first quoted name in its detail; null when none. */
    String field() {
        for (var name : new String[] {"field", "param"}) {
            if (json().path(name).isString()) {
                return json().path(name).stringValue();
            }
        }
        var quoted = QUOTED.matcher(detail());
        return quoted.find() ? quoted.group(1) : null;
    }

    /** The same failure with Switchboard's field names in its detail (and {@code field}) replaced by the seed's. */
    Answer renamingFields(Map<String, String> switchboardToSeed) {
        if (ok() || !isJson() || !(json() instanceof ObjectNode problem)) {
            return this;
        }
        var detail = detail();
        for (var rename : switchboardToSeed.entrySet()) {
            detail = detail.replace("'" + rename.getKey() + "'", "'" + rename.getValue() + "'");
        }
        problem.put("detail", detail);
        for (var name : new String[] {"field", "param"}) {
            if (problem.path(name).isString() && switchboardToSeed.containsKey(problem.path(name).stringValue())) {
                problem.put(name, switchboardToSeed.get(problem.path(name).stringValue()));
            }
        }
        return new Answer(status, contentType, problem.toString().getBytes(StandardCharsets.UTF_8), headers);
    }
}
