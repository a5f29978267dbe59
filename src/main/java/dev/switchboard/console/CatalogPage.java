package dev.switchboard.console;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import dev.switchboard.access.Caller;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.CatalogAdmin;
import dev.switchboard.catalog.CatalogChangeRefused;
import dev.switchboard.catalog.DeploymentHealth;
import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.ModelRouting;
import dev.switchboard.catalog.ModelSpec;
import dev.switchboard.catalog.Price;
import dev.switchboard.vault.PoolKeyAdmin;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin: every model ({@link Catalog#allModels}, as {@code /api/admin/models}), active or not, with its prices per 1M
 * tokens (as people read them, and exactly in nano-USD), context window, aliases, deployments and fallbacks; switch one
 * on or off; and on a model's own page change its prices and limits. Each change is a whole {@link ModelSpec} given to
 * {@link CatalogAdmin#updateModel}, which checks it as it checks the API's; a refusal lands next to the field it names.
 * The routing forms (aliases, deployments, fallbacks) are {@link RoutingForms}.
 */
@Controller
class CatalogPage {

    static final int PAGE_SIZE = 25;
    private final Catalog catalog;
    private final CatalogAdmin admin;
    private final DeploymentHealth health;
    private final PoolKeyAdmin poolKeys;

    CatalogPage(Catalog catalog, CatalogAdmin admin, DeploymentHealth health, PoolKeyAdmin poolKeys) {
        this.catalog = catalog;
        this.admin = admin;
        this.health = health;
        this.poolKeys = poolKeys;
    }

    @GetMapping("/admin/models")
    String list(Caller caller, @RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page,
                org.springframework.ui.Model model) {
        ConsoleErrors.signedIn(model, caller);
        var query = q.strip().toLowerCase(Locale.ROOT);
        var matching = catalog.allModels().stream().filter(m -> matches(m, query))
                .sorted(Comparator.comparing(Model::providerId).thenComparing(Model::name)).toList();
        model.addAttribute("models", Paged.of(matching, page, PAGE_SIZE, "/admin/models", "page").map(Row::of));
        model.addAttribute("q", q);
        model.addAttribute("providers", catalog.providers().stream().map(p -> p.id()).sorted().toList());
        return "console/admin-models";
    }

    /**
     * A new chat model, as {@code POST /api/admin/models} makes one: its name (and upstream name and display name, both
     * the name when left empty), provider, prices and context; {@link CatalogAdmin#createModel} checks it as it checks
     * the API's. A refusal shows the list again with the form open and the error next to its field.
     */
    @PostMapping("/admin/models")
    String create(Caller caller, @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String provider,
                  @RequestParam(defaultValue = "") String upstreamModel, @RequestParam(defaultValue = "") String displayName,
                  @RequestParam(defaultValue = "") String input, @RequestParam(defaultValue = "") String output,
                  @RequestParam(defaultValue = "") String contextWindow, org.springframework.ui.Model page, RedirectAttributes redirect) {
        var form = new NewModel(name.strip(), provider, upstreamModel.strip(), displayName.strip(), input, output, contextWindow);
        try {
            var created = admin.createModel(form.spec());
            redirect.addFlashAttribute("saved", "Added " + created.name() + ".");
            return "redirect:/admin/models/" + created.id();
        } catch (CatalogChangeRefused e) {
            page.addAttribute("errors", FieldError.of(e, "name").asMap());
            page.addAttribute("form", form);
            return list(caller, "", 1, page);
        }
    }

    /** Deletes the model ({@link CatalogAdmin#deleteModel}: its usage records keep its name, so reports keep its history). */
    @PostMapping("/admin/models/{id}/delete")
    String delete(Caller caller, @PathVariable String id, RedirectAttributes redirect) {
        var model = existing(id);
        admin.deleteModel(id);
        redirect.addFlashAttribute("saved", "Deleted " + model.name() + ".");
        return "redirect:/admin/models";
    }

    @PostMapping("/admin/models/{id}/active")
    String toggle(Caller caller, @PathVariable String id, @RequestParam(defaultValue = "") String q,
                  @RequestParam(defaultValue = "1") int page, RedirectAttributes redirect) {
        var model = existing(id);
        admin.updateModel(id, spec(model, s -> with(s, s.price(), s.limits(), s.displayName(), !s.active())));
        redirect.addFlashAttribute("saved", model.name() + (model.active() ? " switched off." : " switched on."));
        redirect.addAttribute("q", q);
        redirect.addAttribute("page", page);
        return "redirect:/admin/models";
    }

    @GetMapping("/admin/models/{id}")
    String model(Caller caller, @PathVariable String id, org.springframework.ui.Model page) {
        ConsoleErrors.signedIn(page, caller);
        var model = existing(id);
        page.addAttribute("m", Row.of(model));
        page.addAttribute("deployments", model.deployments().stream().map(d -> new Deployment(d, health.of(model, d))).toList());
        page.addAttribute("configured", !model.routing().deployments().isEmpty());
        page.addAttribute("providers", catalog.providers().stream().map(p -> p.id()).sorted().toList());
        page.addAttribute("poolKeys", poolKeys.list().stream().sorted(Comparator.comparing(PoolKeyAdmin.View::providerId)
                .thenComparing(PoolKeyAdmin.View::name)).toList());
        page.addAttribute("strategies", ModelRouting.STRATEGIES);
        return "console/admin-model";
    }

    @PostMapping("/admin/models/{id}")
    String prices(Caller caller, @PathVariable String id, @RequestParam(defaultValue = "") String displayName,
                  @RequestParam(defaultValue = "") String input, @RequestParam(defaultValue = "") String output,
                  @RequestParam(defaultValue = "") String cachedInput, @RequestParam(defaultValue = "") String contextWindow,
                  @RequestParam(defaultValue = "") String maxOutputTokens, @RequestParam(defaultValue = "false") boolean active,
                  org.springframework.ui.Model page, RedirectAttributes redirect) {
        return change(caller, id, "input_price_per_1m", s -> {
            var price = new Price(usd("input_price_per_1m", input), usd("output_price_per_1m", output),
                    cachedInput.isBlank() ? null : usd("cached_input_price_per_1m", cachedInput), s.price().cacheWritePerMillion(),
                    s.price().longCacheWritePerMillion());
            var limits = new Model.Limits(count("context_window", contextWindow), count("max_output_tokens", maxOutputTokens));
            return with(s, price, limits, displayName.strip(), active);
        }, "Prices and limits saved.", page, redirect);
    }

    /**
     * Applies {@code change} to the model's spec and stores it; on a refusal, the model's page again with the error next
     * to the field it names ({@code fallback} when it names none).
     */
    String change(Caller caller, String id, String fallback, UnaryOperator<ModelSpec> change, String saved,
                  org.springframework.ui.Model page, RedirectAttributes redirect) {
        try {
            admin.updateModel(id, spec(existing(id), change));
        } catch (CatalogChangeRefused e) {
            if (e.kind() == CatalogChangeRefused.Kind.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
            }
            page.addAttribute("errors", FieldError.of(e, fallback).asMap());
            return model(caller, id, page);
        }
        redirect.addFlashAttribute("saved", saved);
        return "redirect:/admin/models/" + id;
    }

    Model existing(String id) {
        return catalog.modelById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No model with id '" + id + "'."));
    }

    private static ModelSpec spec(Model model, UnaryOperator<ModelSpec> change) {
        return change.apply(ModelSpec.of(model));
    }

    private static ModelSpec with(ModelSpec s, Price price, Model.Limits limits, String displayName, boolean active) {
        return new ModelSpec(s.name(), s.providerId(), s.upstreamModel(), displayName, s.kind(), price, s.imagePrices(), limits, active,
                s.aliases(), s.routing());
    }

    /** A price typed in dollars per 1M tokens, checked by the catalog's own rule. */
    private static long usd(String field, String typed) {
        try {
            return Price.nanosOf(field, new BigDecimal(typed.strip()));
        } catch (NumberFormatException e) {
            throw CatalogChangeRefused.invalid(field, "'" + field + "' must be an amount in dollars, such as 0.15.");
        }
    }

    /** A token count, or null when left empty (the catalog refuses one that is not positive). */
    static Integer count(String field, String typed) {
        if (typed.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(typed.strip().replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            throw CatalogChangeRefused.invalid(field, "'" + field + "' must be a whole number of tokens, such as 128000.");
        }
    }

    private static boolean matches(Model m, String query) {
        return query.isEmpty() || (m.name() + " " + m.displayName() + " " + m.providerId() + " " + String.join(" ", m.aliases()))
                .toLowerCase(Locale.ROOT).contains(query);
    }

    /**
     * A model with its prices as people read them ({@code input}, {@code output}, {@code cachedInput}) and as the edit
     * form holds them: plain dollars, exactly ({@code inputUsd}, …; null when the model has no such price).
     */
    record Row(Model model, String input, String output, String cachedInput, String inputUsd, String outputUsd, String cachedInputUsd) {

        static Row of(Model m) {
            var p = m.price();
            var cached = p.cachedInputPerMillion();
            return new Row(m, Prices.perMillion(p.inputPerMillion()), Prices.perMillion(p.outputPerMillion()),
                    cached == null ? null : Prices.perMillion(cached), typed(p.inputPerMillion()), typed(p.outputPerMillion()),
                    cached == null ? null : typed(cached));
        }

        private static String typed(long nanos) {
            return dev.switchboard.money.Money.ofNanos(nanos).toUsd().stripTrailingZeros().toPlainString();
        }
    }

    /** What the new-model form holds (kept after a refusal); the empty names default to the name, as on the API. */
    record NewModel(String name, String provider, String upstreamModel, String displayName, String input, String output,
                    String contextWindow) {

        ModelSpec spec() {
            var price = new Price(usd("input_price_per_1m", input), usd("output_price_per_1m", output), null);
            return new ModelSpec(name, provider, upstreamModel.isEmpty() ? name : upstreamModel, displayName.isEmpty() ? name : displayName,
                    Model.CHAT, price, List.of(), new Model.Limits(count("context_window", contextWindow), null), true, List.of(),
                    ModelRouting.NONE);
        }
    }

    /** A deployment with its health now. */
    record Deployment(ModelRouting.Deployment deployment, DeploymentHealth.Status status) {
    }

    static List<String> commaList(String typed) {
        return java.util.Arrays.stream(typed.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
