package dev.switchboard.prompt;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import dev.switchboard.access.Caller;
import dev.switchboard.gateway.CallRequest;
import dev.switchboard.gateway.PromptTemplates;
import dev.switchboard.gateway.Refusal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Who sees which template, and rendering one for a call: a caller sees the system templates and their own; others'
 * are answered as not found. {@code "name@3"} pins version 3; a bare name draws among the active versions by weight
 * ({@link VersionDraw}, from the context's {@link Random} when a test gives one).
 */
@Service
class Prompts implements PromptTemplates {

    private static final Pattern PINNED = Pattern.compile("(.+)@(\\d{1,9})");

    private final Templates templates;
    private final Rendering rendering;
    private final VersionDraw draw;

    Prompts(Templates templates, Rendering rendering, ObjectProvider<Random> random) {
        this.templates = templates;
        this.rendering = rendering;
        this.draw = new VersionDraw(random.getIfAvailable(Random::new));
    }

    @Override
    public Rendered render(Caller caller, String reference, JsonNode variables) {
        var pinned = PINNED.matcher(reference);
        var name = pinned.matches() ? pinned.group(1) : reference;
        var template = templates.named(name).filter(t -> visible(t, caller)).orElseThrow(() -> notFound("template", name));
        var version = pinned.matches()
                ? template.version(Integer.parseInt(pinned.group(2))).orElseThrow(() -> notFound("template", reference))
                : draw.pick(template.versions()).orElseThrow(() -> new Refusal(409, "no_active_version", "template",
                "The template '" + name + "' has no active version with a weight above 0."));
        var rendered = rendering.render(version, variables);
        return new Rendered(rendered.system(), rendered.prompt(), new CallRequest.PromptVersion(template.id(), version.number()));
    }

    /** The template if the caller may see it. */
    Template visible(String id, Caller caller) {
        return templates.find(id).filter(t -> visible(t, caller)).orElseThrow(() -> notFound("id", id));
    }

    /** The template if the caller may change it: its owner, or an admin for a system template. */
    Template changeable(String id, Caller caller) {
        var template = visible(id, caller);
        if (template.system() && !caller.isAdmin()) {
            throw new Refusal(403, "system_template", null, "Only an admin can change a system template.");
        }
        return template;
    }

    List<Template> visibleTo(Caller caller) {
        return caller.isClient() ? templates.visibleTo(null, caller.clientId()) : templates.visibleTo(caller.userId(), null);
    }

    /** Checks a version before it is stored: variable names unique and well formed, every placeholder declared. */
    Template.Version checked(Template.Version version) {
        var declared = new HashSet<String>();
        for (var variable : version.variables()) {
            Rendering.checkName(variable);
            if (!declared.add(variable.name())) {
                throw Refusal.invalid("variables", "duplicate_variable", "The variable '" + variable.name() + "' is declared twice.");
            }
        }
        if (version.body() == null || version.body().isBlank()) {
            throw Refusal.invalid("body", "missing_required_parameter", "'body' is required.");
        }
        if (version.weight() < 0 || version.weight() > 1_000_000) {
            throw Refusal.invalid("weight", "invalid_value", "'weight' must be from 0 to 1000000.");
        }
        rendering.check("body", version.body(), declared);
        rendering.check("system", version.system(), declared);
        return version;
    }

    private static boolean visible(Template template, Caller caller) {
        return template.system() || (caller.isClient() ? caller.clientId().equals(template.ownerClientId())
                : caller.userId() != null && caller.userId().equals(template.ownerUserId()));
    }

    private static Refusal notFound(String param, String what) {
        return new Refusal(404, "template_not_found", param, "There is no prompt template '" + what + "'.");
    }
}
