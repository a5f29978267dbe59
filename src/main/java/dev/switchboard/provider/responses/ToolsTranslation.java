package dev.switchboard.provider.responses;

import dev.switchboard.provider.ProviderException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Responses tools as chat tools: {@code {"type":"function","name",…}} becomes {@code {"type":"function","function":{…}}};
 * a {@code namespace} contributes its function tools; a {@code custom} tool becomes a function of one string. Built-in tools are hosted by OpenAI; offered among function tools
 * (Codex offers {@code web_search} on every turn) they are left out, but a request that needs one (its
 * {@code tool_choice} names it, or no function tool remains) is refused, naming the tool.
 */
final class ToolsTranslation {

    /** The one argument of a custom tool seen as a function. */
    static final String CUSTOM_INPUT = "input";

    private final JsonMapper json;

    ToolsTranslation(JsonMapper json) {
        this.json = json;
    }

    void translate(JsonNode request, ObjectNode chat) {
        var builtIn = new StringBuilder();
        var tools = json.createArrayNode();
        request.path("tools").forEach(tool -> add(tool, tools, builtIn));
        if (!tools.isEmpty()) {
            chat.set("tools", tools);
        } else if (!builtIn.isEmpty()) {
            throw refused(builtIn.toString());
        }
        var choice = request.get("tool_choice");
        if (choice == null || choice.isNull() || tools.isEmpty()) {
            return;
        }
        if (choice.isString()) {
            chat.set("tool_choice", choice);
        } else if ("function".equals(choice.path("type").asString())) {
            chat.putObject("tool_choice").put("type", "function").putObject("function").put("name", choice.path("name").asString(""));
        } else if ("allowed_tools".equals(choice.path("type").asString())) {
            chat.put("tool_choice", choice.path("mode").asString("auto"));
        } else {
            throw refused(choice.path("type").asString(""));
        }
    }

    private void add(JsonNode tool, ArrayNode tools, StringBuilder builtIn) {
        switch (tool.path("type").asString("")) {
            case "function" -> tools.add(function(tool));
            case "custom" -> tools.add(custom(tool));
            case "namespace" -> tool.path("tools").forEach(inner -> add(inner, tools, builtIn));
            default -> builtIn.append(builtIn.isEmpty() ? "" : ", ").append(tool.path("type").asString(""));
        }
    }

    private ObjectNode function(JsonNode tool) {
        var out = json.createObjectNode().put("type", "function");
        var function = out.putObject("function").put("name", tool.path("name").asString(""));
        if (tool.path("description").isString()) {
            function.set("description", tool.get("description"));
        }
        function.set("parameters", tool.path("parameters").isObject() ? tool.get("parameters")
                : json.createObjectNode().put("type", "object").set("properties", json.createObjectNode()));
        if (tool.path("strict").isBoolean()) {
            function.set("strict", tool.get("strict"));
        }
        return out;
    }

    /**
     * A custom tool (free-form input, such as Codex's {@code apply_patch}) as a function taking that input as its one
     * string argument; its grammar, when it has one, joins the description so that the model can follow it.
     */
    private ObjectNode custom(JsonNode tool) {
        var description = new StringBuilder(tool.path("description").asString(""));
        var format = tool.path("format");
        if (format.path("type").asString("").equals("grammar") && format.path("definition").isString()) {
            description.append(description.isEmpty() ? "" : "\n\n").append("The input follows this ")
                    .append(format.path("syntax").asString("")).append(" grammar:\n").append(format.get("definition").stringValue());
        }
        var out = json.createObjectNode().put("type", "function");
        var function = out.putObject("function").put("name", tool.path("name").asString("")).put("description", description.toString());
        var parameters = function.putObject("parameters").put("type", "object");
        parameters.putObject("properties").putObject(CUSTOM_INPUT).put("type", "string").put("description", "The tool's input, as free text.");
        parameters.putArray("required").add(CUSTOM_INPUT);
        return out;
    }

    /** The names of the request's custom tools, whose calls come back as {@code custom_tool_call} items. */
    static java.util.Set<String> customTools(JsonNode request) {
        var names = new java.util.HashSet<String>();
        request.path("tools").forEach(tool -> {
            if (tool.path("type").asString("").equals("custom")) {
                names.add(tool.path("name").asString(""));
            }
        });
        return names;
    }

    /** A custom tool's input out of its function call's arguments ({@code {"input": …}}); unparsable arguments as they are. */
    static String customInput(JsonMapper json, String arguments) {
        try {
            var parsed = json.readTree(arguments);
            return parsed.path(CUSTOM_INPUT).isString() ? parsed.get(CUSTOM_INPUT).stringValue() : arguments;
        } catch (RuntimeException e) {
            return arguments;
        }
    }

    private static ProviderException refused(String types) {
        return ProviderException.notSent("tools: the built-in tool " + types + " is hosted only by OpenAI and this model's provider "
                + "cannot run it; use function tools, or a model served by OpenAI.");
    }
}
