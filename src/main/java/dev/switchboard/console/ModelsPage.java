package dev.switchboard.console;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.switchboard.access.Caller;
import dev.switchboard.catalog.AvailableModels;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Model;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The models the caller may use ({@link AvailableModels}, the same answer as {@code /v1/models}), with provider, context
 * window and prices per 1M tokens, filtered by a search over name, display name and provider, 100 to a page.
 */
@Controller
class ModelsPage {

    private final AvailableModels models;
    private final Catalog catalog;

    /** A catalog refreshed from OpenRouter holds hundreds of models; the filter finds one, the pages show them all. */
    static final int PAGE_SIZE = 100;

    ModelsPage(AvailableModels models, Catalog catalog) {
        this.models = models;
        this.catalog = catalog;
    }

    @GetMapping("/models")
    String models(Caller caller, @RequestParam(defaultValue = "") String q, @RequestParam(name = "page", defaultValue = "1") int number,
                  org.springframework.ui.Model page) {
        ConsoleErrors.signedIn(page, caller);
        var rows = models.usableBy(caller).stream().map(this::row).filter(r -> r.matches(q))
                .sorted(Comparator.comparing(Row::provider).thenComparing(Row::name)).toList();
        page.addAttribute("models", Paged.of(rows, number, PAGE_SIZE, "/models", "page"));
        page.addAttribute("q", q);
        return "console/models";
    }

    private Row row(Model model) {
        var provider = catalog.provider(model.providerId()).map(p -> p.displayName()).orElse(model.providerId());
        return new Row(model.name(), model.displayName() == null ? model.name() : model.displayName(), provider, model.kind(),
                model.limits().contextWindow(), Prices.perMillion(model.price().inputPerMillion()),
                Prices.perMillion(model.price().outputPerMillion()), model.aliases());
    }

    /** One model as the page shows it. */
    record Row(String name, String displayName, String provider, String kind, Integer contextWindow, String input,
               String output, List<String> aliases) {

        boolean matches(String query) {
            var q = query.strip().toLowerCase(Locale.ROOT);
            return q.isEmpty() || (name + " " + displayName + " " + provider + " " + String.join(" ", aliases))
                    .toLowerCase(Locale.ROOT).contains(q);
        }
    }
}
