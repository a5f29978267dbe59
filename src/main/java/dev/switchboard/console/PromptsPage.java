package dev.switchboard.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.access.Caller;
import dev.switchboard.gateway.Refusal;
import dev.switchboard.metering.TemplateUsage;
import dev.switchboard.prompt.PromptAdmin;
import dev.switchboard.prompt.Template;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin: prompt templates ({@link PromptAdmin}, as {@code /api/prompts}): the system templates and the admin's own, each
 * version with its A/B weight (editable), what its calls did (calls, success, tokens, cost, median latency), and a
 * preview that renders a version with sample values through the prompt feature's own renderer. A sample value is
 * posted (it may be long or private), and the preview is shown on the template's page, never stored.
 */
@Controller
class PromptsPage {

    private static final String VARIABLE = "var.";
    private final PromptAdmin prompts;

    PromptsPage(PromptAdmin prompts) {
        this.prompts = prompts;
    }

    @GetMapping("/admin/prompts")
    String list(Caller caller, Model model) {
        ConsoleErrors.signedIn(model, caller);
        model.addAttribute("templates", prompts.templates(caller));
        return "console/admin-prompts";
    }

    /**
     * A new template with its first version ({@link PromptAdmin#create}, as {@code POST /api/prompts}): a system template
     * or the admin's own. A refusal shows the list again with the form open, what was typed, and the error by its field.
     */
    @PostMapping("/admin/prompts")
    String create(Caller caller, @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String type,
                  @RequestParam(defaultValue = "") String description, @RequestParam(defaultValue = "own") String scope,
                  @RequestParam(defaultValue = "") String system, @RequestParam(defaultValue = "") String body,
                  @RequestParam(defaultValue = "") String variables, @RequestParam(defaultValue = "100") String weight,
                  Model model, RedirectAttributes redirect) {
        var form = new VersionForm(system, body, variables, weight);
        try {
            var created = prompts.create(caller, new PromptAdmin.NewTemplate(name, type, description.isBlank() ? null : description.strip(),
                    "system".equals(scope)), form.version());
            redirect.addFlashAttribute("saved", "Made the template " + created.name() + ".");
            return "redirect:/admin/prompts/" + created.id();
        } catch (Refusal e) {
            model.addAttribute("errors", FieldError.of(e, "name").asMap());
            model.addAttribute("form", new NewTemplateForm(name, type, description, scope, form));
            return list(caller, model);
        }
    }

    /** A new version of the template ({@link PromptAdmin#addVersion}, as {@code POST /api/prompts/{id}/versions}). */
    @PostMapping("/admin/prompts/{id}/versions")
    String addVersion(Caller caller, @PathVariable String id, @RequestParam(defaultValue = "") String system,
                      @RequestParam(defaultValue = "") String body, @RequestParam(defaultValue = "") String variables,
                      @RequestParam(defaultValue = "100") String weight, Model model, RedirectAttributes redirect) {
        var form = new VersionForm(system, body, variables, weight);
        try {
            var version = prompts.addVersion(caller, id, form.version());
            redirect.addFlashAttribute("saved", "Added version " + version.number() + ".");
            return "redirect:/admin/prompts/" + id + "#version-" + version.number();
        } catch (Refusal e) {
            model.addAttribute("errors", FieldError.of(e, "body").asMap());
            model.addAttribute("versionForm", form);
            return template(caller, id, model);
        }
    }

    @GetMapping("/admin/prompts/{id}")
    String template(Caller caller, @PathVariable String id, Model model) {
        ConsoleErrors.signedIn(model, caller);
        var template = prompts.template(caller, id);
        var usage = prompts.usage(caller, id);
        model.addAttribute("template", template);
        model.addAttribute("versions", template.versions().reversed().stream().map(v -> Version.of(v, usage.get(v.number()))).toList());
        return "console/admin-prompt";
    }

    @PostMapping("/admin/prompts/{id}/versions/{number}/draw")
    String draw(Caller caller, @PathVariable String id, @PathVariable int number, @RequestParam(defaultValue = "") String weight,
                @RequestParam(defaultValue = "false") boolean active, Model model, RedirectAttributes redirect) {
        try {
            prompts.setDraw(caller, id, number, Integer.valueOf(weight.strip()), active);
        } catch (NumberFormatException | Refusal e) {
            model.addAttribute("errors", (e instanceof Refusal r ? FieldError.of(r, "weight")
                    : new FieldError("weight", "'weight' must be a whole number from 0 to 1000000.")).asMap());
            model.addAttribute("errorVersion", number);
            return template(caller, id, model);
        }
        redirect.addFlashAttribute("saved", "Version " + number + ": weight " + weight.strip() + (active ? ", in the draw." : ", out of the draw."));
        return "redirect:/admin/prompts/" + id + "#version-" + number;
    }

    @PostMapping("/admin/prompts/{id}/versions/{number}/preview")
    String preview(Caller caller, @PathVariable String id, @PathVariable int number, @RequestParam Map<String, String> form, Model model) {
        var values = new LinkedHashMap<String, String>();
        form.forEach((name, value) -> {
            if (name.startsWith(VARIABLE)) {
                values.put(name.substring(VARIABLE.length()), value);
            }
        });
        model.addAttribute("previewVersion", number);
        model.addAttribute("sample", values);
        try {
            model.addAttribute("preview", prompts.preview(caller, id, number, values));
        } catch (Refusal e) {
            model.addAttribute("errors", FieldError.of(e, "preview").asMap());
            model.addAttribute("errorVersion", number);
        }
        return template(caller, id, model);
    }

    /** A template or version that is not there (or not the admin's to see): the console's error page, with the status. */
    @ExceptionHandler(Refusal.class)
    String refused(Refusal refusal, Caller caller, HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(refusal.status());
        ConsoleErrors.signedIn(model, caller);
        model.addAttribute("path", request.getRequestURI());
        model.addAttribute("csrf", ConsoleSession.csrfToken(request.getSession()));
        model.addAttribute("message", refusal.getMessage());
        return "console/error";
    }

    /** The new-template form as typed (kept after a refusal). */
    record NewTemplateForm(String name, String type, String description, String scope, VersionForm version) {
    }

    /**
     * A version as the forms take it: the variables as {@code name} (required) or {@code name=default}, comma separated;
     * the weight as typed (a whole number, else refused as the API refuses one out of range).
     */
    record VersionForm(String system, String body, String variables, String weight) {

        Template.Version version() {
            Integer drawn;
            try {
                drawn = Integer.valueOf(weight.strip());
            } catch (NumberFormatException e) {
                throw Refusal.invalid("weight", "invalid_value", "'weight' must be a whole number from 0 to 1000000.");
            }
            return PromptAdmin.version(body, system.isBlank() ? null : system, declared(), drawn);
        }

        private List<Template.Variable> declared() {
            return CatalogPage.commaList(variables).stream().map(v -> {
                var eq = v.indexOf('=');
                return eq < 0 ? new Template.Variable(v, true, null) : new Template.Variable(v.substring(0, eq).strip(), false, v.substring(eq + 1).strip());
            }).toList();
        }
    }

    /** A version with its calls' statistics in words (zeros when it served none). */
    record Version(Template.Version version, long calls, String successRate, String averageInput, String averageOutput, String cost,
                   String medianLatency) {

        static Version of(Template.Version v, TemplateUsage.VersionUsage u) {
            if (u == null) {
                return new Version(v, 0, "—", "—", "—", Prices.usd(0), "—");
            }
            return new Version(v, u.calls(), Math.round(100.0 * u.succeeded() / u.calls()) + "%", String.format(java.util.Locale.ROOT, "%,.0f", u.averageInputTokens()),
                    String.format(java.util.Locale.ROOT, "%,.0f", u.averageOutputTokens()), Prices.usd(u.cost().nanoUsd()), u.medianLatencyMillis() + " ms");
        }
    }
}
