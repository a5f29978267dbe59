package dev.switchboard.console;

import java.util.Comparator;

import dev.switchboard.access.Caller;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Provider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Admin: the providers as the catalog holds them (enabled, base URL, credit multiplier, self-hosted allowed). */
@Controller
class ProvidersPage {

    private final Catalog catalog;

    ProvidersPage(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/admin/providers")
    String providers(Caller caller, Model model) {
        ConsoleErrors.signedIn(model, caller);
        model.addAttribute("providers", catalog.providers().stream().sorted(Comparator.comparing(Provider::id)).toList());
        return "console/admin-providers";
    }
}
