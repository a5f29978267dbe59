package dev.switchboard.prompt;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.switchboard.access.Caller;
import dev.switchboard.gateway.Refusal;
import dev.switchboard.metering.TemplateUsage;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The prompt feature's face for the console: the templates a caller sees, a version's A/B draw (weight, active), a
 * preview of a version rendered with sample values by the same {@link Rendering} that serves calls, and what each
 * version's calls did. Visibility and the right to change are {@link Prompts}' rules, as on {@code /api/prompts}.
 */
@Service
public class PromptAdmin {

    static final int MAX_WEIGHT = 1_000_000;
    private final Prompts prompts;
    private final Templates templates;
    private final Rendering rendering;
    private final TemplateUsage usage;

    PromptAdmin(Prompts prompts, Templates templates, Rendering rendering, TemplateUsage usage) {
        this.prompts = prompts;
        this.templates = templates;
        this.rendering = rendering;
        this.usage = usage;
    }

    /** System templates and the caller's own, by name. */
    public List<Template> templates(Caller caller) {
        return prompts.visibleTo(caller);
    }

    /** The template if the caller may see it; else a 404 {@link Refusal}. */
    public Template template(Caller caller, String id) {
        return prompts.visible(id, caller);
    }

    /**
     * A new template with its first version, as {@code POST /api/prompts} makes one: {@code system} (admins only) makes
     * one every caller sees; otherwise it is the caller's own. The version is checked by {@link Prompts#checked}.
     */
    public Template create(Caller caller, NewTemplate template, Template.Version first) {
        if (template.system() && !caller.isAdmin()) {
            throw new Refusal(403, "system_template", "scope", "Only an admin can make a system template.");
        }
        var version = prompts.checked(first);
        return templates.create(required("name", template.name(), 200), required("type", template.type(), 100), template.description(),
                template.system() || caller.isClient() ? null : caller.userId(), template.system() ? null : caller.clientId(), version);
    }

    /** A new version of a template the caller may change, checked as the first one; answers the version as stored. */
    public Template.Version addVersion(Caller caller, String id, Template.Version version) {
        var template = prompts.changeable(id, caller);
        var number = templates.addVersion(template.id(), prompts.checked(version));
        return prompts.visible(id, caller).version(number).orElseThrow();
    }

    /** A field the API and the console both require, at most {@code max} characters; answered stripped. */
    static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw Refusal.invalid(field, "missing_required_parameter", "'" + field + "' is required.");
        }
        if (value.length() > max) {
            throw Refusal.invalid(field, "invalid_value", "'" + field + "' must be at most " + max + " characters long.");
        }
        return value.strip();
    }

    /** A version to add: its body, system part and variables as written, drawn with {@code weight} (null: 100). */
    public static Template.Version version(String body, String system, List<Template.Variable> variables, Integer weight) {
        return new Template.Version(0, body, system, variables == null ? List.of() : variables, weight == null ? 100 : weight, true, 0);
    }

    /** What a new template is called, what it is for, and whether every caller sees it. */
    public record NewTemplate(String name, String type, String description, boolean system) {
    }

    /** Sets a version's weight and whether it is drawn (each null: unchanged); answers the version as stored. */
    public Template.Version setDraw(Caller caller, String id, int number, Integer weight, Boolean active) {
        var version = prompts.changeable(id, caller).version(number)
                .orElseThrow(() -> new Refusal(404, "version_not_found", "number", "The template has no version " + number + "."));
        var next = weight == null ? version.weight() : weight;
        if (next < 0 || next > MAX_WEIGHT) {
            throw Refusal.invalid("weight", "invalid_value", "'weight' must be from 0 to " + MAX_WEIGHT + ".");
        }
        templates.setDraw(id, number, next, active == null ? version.active() : active);
        return prompts.visible(id, caller).version(number).orElseThrow();
    }

    /**
     * The version rendered with these values (a blank value counts as not given, so a default applies); a missing or
     * unknown variable is a {@link Refusal} naming {@code variables.<name>}.
     */
    public Preview preview(Caller caller, String id, int number, Map<String, String> values) {
        var version = template(caller, id).version(number)
                .orElseThrow(() -> new Refusal(404, "version_not_found", "number", "The template has no version " + number + "."));
        var given = JsonNodeFactory.instance.objectNode();
        values.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                given.put(name, value);
            }
        });
        var rendered = rendering.render(version, given);
        return new Preview(rendered.system(), rendered.prompt());
    }

    /** What the calls of each version did, by version number (a version without calls is absent). */
    public Map<Integer, TemplateUsage.VersionUsage> usage(Caller caller, String id) {
        return usage.of(template(caller, id).id()).stream()
                .collect(Collectors.toMap(TemplateUsage.VersionUsage::version, Function.identity()));
    }

    /** A rendered version: its system part (null when it has none) and the user prompt. */
    public record Preview(String system, String prompt) {
    }
}
