package dev.switchboard.console;

import java.util.LinkedHashMap;
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
