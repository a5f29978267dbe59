package dev.switchboard.console;

import java.util.Comparator;

import dev.switchboard.access.Caller;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Provider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Admin: the providers as the catalog holds them (enabled, base URL, credit multiplier, self-hosted allowed), by id,
 * paged as every console list ({@link Paged}, {@code console/parts :: pager}).
 */
@Controller
class ProvidersPage {

    static final int PAGE_SIZE = 25;
    private final Catalog catalog;

    ProvidersPage(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/admin/providers")
    String providers(Caller caller, @RequestParam(defaultValue = "1") int page, Model model) {
        ConsoleErrors.signedIn(model, caller);
        var providers = catalog.providers().stream().sorted(Comparator.comparing(Provider::id)).toList();
        model.addAttribute("providers", Paged.of(providers, page, PAGE_SIZE, "/admin/providers", "page"));
        return "console/admin-providers";
    }
}
