package dev.switchboard.prompt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.access.Caller;
import dev.switchboard.gateway.RefusalProblems;
import dev.switchboard.gateway.Refusal;
import dev.switchboard.metering.TemplateUsage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/prompts}: templates and their versions. A version, once made, keeps its body, system part and variables
 * for good; {@code PUT …/versions/{n}} changes only its {@code weight} and {@code active}. {@code "scope": "system"}
 * (admins only) makes a template every caller sees; others are their creator's own.
 */
@RestController
@RefusalProblems.Served
class PromptsController {

    private final Prompts prompts;
    private final Templates templates;
    private final PromptAdmin admin;

    PromptsController(Prompts prompts, Templates templates, PromptAdmin admin) {
        this.prompts = prompts;
        this.templates = templates;
        this.admin = admin;
    }

    record CreateRequest(String name, String type, String description, String body, String system, List<Template.Variable> variables,
                         Integer weight, String scope) {
    }

    record UpdateRequest(String name, String type, String description) {
    }

    record VersionRequest(String body, String system, List<Template.Variable> variables, Integer weight) {
        Template.Version version() {
            return PromptAdmin.version(body, system, variables, weight);
        }
    }

    record DrawRequest(Integer weight, Boolean active) {
    }

    @GetMapping("/api/prompts")
    Map<String, List<TemplateView>> list(Caller caller) {
        return Map.of("data", prompts.visibleTo(caller).stream().map(TemplateView::of).toList());
    }

    @PostMapping("/api/prompts")
    ResponseEntity<TemplateView> create(Caller caller, @RequestBody CreateRequest body) {
        var system = "system".equals(body.scope());
        if (body.scope() != null && !system && !"own".equals(body.scope())) {
            throw Refusal.invalid("scope", "invalid_value", "'scope' must be 'own' or 'system'.");
        }
        var created = admin.create(caller, new PromptAdmin.NewTemplate(body.name(), body.type(), body.description(), system),
                new VersionRequest(body.body(), body.system(), body.variables(), body.weight()).version());
        return ResponseEntity.status(HttpStatus.CREATED).body(TemplateView.of(created));
    }

    @GetMapping("/api/prompts/{id}")
    TemplateView get(Caller caller, @PathVariable String id) {
        return TemplateView.of(prompts.visible(id, caller));
    }

    @PutMapping("/api/prompts/{id}")
    TemplateView update(Caller caller, @PathVariable String id, @RequestBody UpdateRequest body) {
        var current = prompts.changeable(id, caller);
        templates.update(id, body.name() == null ? current.name() : PromptAdmin.required("name", body.name(), 200),
                body.type() == null ? current.type() : PromptAdmin.required("type", body.type(), 100),
                body.description() == null ? current.description() : body.description());
        return TemplateView.of(prompts.visible(id, caller));
    }

    @DeleteMapping("/api/prompts/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        templates.delete(prompts.changeable(id, caller).id());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/prompts/{id}/versions")
    ResponseEntity<VersionView> addVersion(Caller caller, @PathVariable String id, @RequestBody VersionRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(VersionView.of(admin.addVersion(caller, id, body.version())));
    }

    @PutMapping("/api/prompts/{id}/versions/{number}")
    VersionView setDraw(Caller caller, @PathVariable String id, @PathVariable int number, @RequestBody DrawRequest body) {
        return VersionView.of(admin.setDraw(caller, id, number, body.weight(), body.active()));
    }

    @GetMapping("/api/prompts/{id}/stats")
    StatsView stats(Caller caller, @PathVariable String id) {
        var template = prompts.visible(id, caller);
        var byVersion = admin.usage(caller, id);
        return new StatsView(template.id(), template.name(), template.versions().stream()
                .map(v -> VersionStats.of(v, byVersion.get(v.number()))).toList());
    }

    record TemplateView(String id, String name, String type, String description, String scope, @JsonProperty("created_at") String createdAt,
                        @JsonProperty("updated_at") String updatedAt, List<VersionView> versions) {
        static TemplateView of(Template t) {
            return new TemplateView(t.id(), t.name(), t.type(), t.description(), t.system() ? "system" : "own",
                    Instant.ofEpochMilli(t.createdAtMillis()).toString(), Instant.ofEpochMilli(t.updatedAtMillis()).toString(),
                    t.versions().stream().map(VersionView::of).toList());
        }
    }

    record VersionView(int version, String body, String system, List<Template.Variable> variables, int weight, boolean active,
                       @JsonProperty("created_at") String createdAt) {
        static VersionView of(Template.Version v) {
            return new VersionView(v.number(), v.body(), v.system(), v.variables(), v.weight(), v.active(),
                    Instant.ofEpochMilli(v.createdAtMillis()).toString());
        }
    }

    record StatsView(@JsonProperty("template_id") String templateId, String name, List<VersionStats> versions) {
    }

    record VersionStats(int version, int weight, boolean active, @JsonProperty("usage_count") long usageCount,
                        @JsonProperty("success_rate") Double successRate, @JsonProperty("avg_input_tokens") Double avgInputTokens,
                        @JsonProperty("avg_output_tokens") Double avgOutputTokens, @JsonProperty("total_cost_usd") BigDecimal totalCostUsd,
                        @JsonProperty("p50_latency_ms") Long p50LatencyMillis) {
        static VersionStats of(Template.Version v, TemplateUsage.VersionUsage u) {
            if (u == null) {
                return new VersionStats(v.number(), v.weight(), v.active(), 0, null, null, null, BigDecimal.ZERO, null);
            }
            return new VersionStats(v.number(), v.weight(), v.active(), u.calls(), round((double) u.succeeded() / u.calls()),
                    round(u.averageInputTokens()), round(u.averageOutputTokens()), u.cost().toUsd(), u.medianLatencyMillis());
        }

        private static double round(double value) {
            return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN).doubleValue();
        }
    }
}
