package dev.switchboard.console;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.switchboard.access.Accounts;
import dev.switchboard.access.Caller;
import dev.switchboard.access.CreditLedger;
import dev.switchboard.access.LlmMode;
import dev.switchboard.access.Settings;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Provider;
import dev.switchboard.vault.UserKeys;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Profile and own keys: member or BYOK mode ({@link Accounts#updateSettings}), the credits left
 * ({@link CreditLedger}), and the caller's own provider keys ({@link UserKeys}): typed into password fields, stored
 * sealed, and afterwards only ever shown as "saved" with a masked tail.
 */
@Controller
class ProfilePage {

    private final Accounts accounts;
    private final CreditLedger credits;
    private final UserKeys keys;
    private final Catalog catalog;

    ProfilePage(Accounts accounts, CreditLedger credits, UserKeys keys, Catalog catalog) {
        this.accounts = accounts;
        this.credits = credits;
        this.keys = keys;
        this.catalog = catalog;
    }

    @GetMapping("/profile")
    String profile(Caller caller, Model model) {
        ConsoleErrors.signedIn(model, caller);
        var settings = accounts.settings(caller.userId());
        var stored = keys.status(caller.userId());
        model.addAttribute("settings", settings);
        model.addAttribute("byok", settings.llmMode() == LlmMode.BYOK);
        model.addAttribute("credits", Prices.usd(credits.balance(caller.userId()).remaining().nanoUsd()));
        model.addAttribute("providers", keyedProviders().stream().map(p -> new OwnKey(p.id(), p.displayName(),
                stored.stream().filter(k -> k.providerId().equals(p.id())).findFirst().map(k -> k.masked()))).toList());
        return "console/profile";
    }

    @PostMapping("/profile/mode")
    String mode(Caller caller, @RequestParam String mode, @RequestParam(defaultValue = "") String byokProvider) {
        var chosen = LlmMode.fromWire(mode).orElse(LlmMode.MEMBER);
        accounts.updateSettings(caller.userId(), new Settings.Change(null, null, null, null, null, null, chosen,
                chosen == LlmMode.BYOK ? byokProvider : null));
        return "redirect:/profile";
    }

    @PostMapping("/profile/keys/{provider}")
    String saveKey(Caller caller, @PathVariable String provider, @RequestParam(defaultValue = "") String apiKey, Model model) {
        var known = keyedProvider(provider);
        var key = apiKey.strip();
        if (known.isEmpty() || key.isEmpty()) {
            model.addAttribute("keyError", provider);
            return profile(caller, model);
        }
        keys.put(caller.userId(), known.get().id(), key);
        return "redirect:/profile#key-" + known.get().id();
    }

    @PostMapping("/profile/keys/{provider}/remove")
    String removeKey(Caller caller, @PathVariable String provider) {
        keyedProvider(provider).ifPresent(p -> keys.delete(caller.userId(), p.id()));
        return "redirect:/profile";
    }

    private Optional<Provider> keyedProvider(String id) {
        return keyedProviders().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    private List<Provider> keyedProviders() {
        return catalog.providers().stream().filter(Provider::requiresKey).sorted(Comparator.comparing(Provider::id)).toList();
    }

    /** A provider that takes a key, and the masked tail of the caller's key for it when one is saved. */
    record OwnKey(String providerId, String provider, Optional<String> masked) {
    }
}
