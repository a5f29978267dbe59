package dev.switchboard.prompt;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import dev.switchboard.gateway.Refusal;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Mustache (jmustache) for prompt templates: {@code {{name}}} and sections over declared variables only, values
 * inserted as plain text (no HTML escaping, never parsed again, so a value holding {@code {{…}}} stays that text), no
 * partials. A template is checked when a version is made: every placeholder must be a declared variable. A call must
 * give every required variable that has no default and nothing undeclared; either fault is a 400 naming the variable.
 */
@Component
class Rendering {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private final Mustache.Compiler compiler = Mustache.compiler().escapeHTML(false).defaultValue("")
            .withLoader(name -> {
                throw new MustacheException("partials are not allowed: {{>" + name + "}}");
            });

    /** Checks a new version: its names, its placeholders against its declared variables. */
    void check(String field, String text, Set<String> declared) {
        if (text == null) {
            return;
        }
        for (var placeholder : placeholders(field, text)) {
            if (!declared.contains(placeholder) && !placeholder.equals(".")) {
                throw Refusal.invalid(field, "undeclared_variable", "'{{" + placeholder + "}}' in '" + field
                        + "' is not a declared variable; declare it in 'variables'.");
            }
        }
    }

    static void checkName(Template.Variable variable) {
        if (variable.name() == null || !NAME.matcher(variable.name()).matches()) {
            throw Refusal.invalid("variables", "invalid_value", "A variable's name must be letters, digits and '_', not starting with a digit.");
        }
    }

    /** The version rendered with these values (a JSON object of strings, numbers or booleans; null for none). */
    Rendered render(Template.Version version, JsonNode given) {
        var values = values(version, given);
        return new Rendered(version.system() == null ? null : execute("system", version.system(), values), execute("body", version.body(), values));
    }

    record Rendered(String system, String prompt) {
    }

    private Map<String, String> values(Template.Version version, JsonNode given) {
        var declared = new HashMap<String, Template.Variable>();
        version.variables().forEach(v -> declared.put(v.name(), v));
        if (given != null) {
            for (var entry : given.properties()) {
                if (!declared.containsKey(entry.getKey())) {
                    throw Refusal.invalid("variables." + entry.getKey(), "unknown_variable",
                            "'" + entry.getKey() + "' is not a variable of this template.");
                }
                if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                    throw Refusal.invalid("variables." + entry.getKey(), "invalid_type", "'" + entry.getKey() + "' must be text, a number or a boolean.");
                }
            }
        }
        var values = new HashMap<String, String>();
        for (var variable : version.variables()) {
            var value = given == null ? null : given.get(variable.name());
            if (value == null && variable.required() && variable.defaultValue() == null) {
                throw Refusal.invalid("variables." + variable.name(), "missing_variable",
                        "The template needs the variable '" + variable.name() + "'.");
            }
            values.put(variable.name(), value != null ? value.asString() : variable.defaultValue() == null ? "" : variable.defaultValue());
        }
        return values;
    }

    private String execute(String field, String text, Map<String, String> values) {
        try {
            return compiler.compile(text).execute(values);
        } catch (MustacheException e) {
            throw Refusal.invalid(field, "invalid_template", "The template's '" + field + "' cannot be rendered: " + e.getMessage());
        }
    }

    private Set<String> placeholders(String field, String text) {
        var names = new LinkedHashSet<String>();
        try {
            compiler.compile(text).visit(new Mustache.Visitor() {
                @Override
                public void visitText(String text) {
                }

                @Override
                public void visitVariable(String name) {
                    names.add(name);
                }

                @Override
                public boolean visitInclude(String name) {
                    throw new MustacheException("partials are not allowed: {{>" + name + "}}");
                }

                @Override
                public boolean visitSection(String name) {
                    names.add(name);
                    return true;
                }

                @Override
                public boolean visitInvertedSection(String name) {
                    names.add(name);
                    return true;
                }
            });
        } catch (MustacheException e) {
            throw Refusal.invalid(field, "invalid_template", "'" + field + "' is not a valid template: " + e.getMessage());
        }
        return names;
    }
}
