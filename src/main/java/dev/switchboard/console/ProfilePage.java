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
import dev.switchboard.vault.KeyInput;
import dev.switchboard.vault.UserKeys;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Profile and own keys: the profile's fields and member or BYOK mode ({@link Accounts#updateSettings}, whose rules
 * refuse a value next to its field), notification preferences (the credit alert, which the console shows on every page
 * once due; the e-mail choices are stored for when Switchboard sends e-mail, and say so), the credits left
 * ({@link CreditLedger}), and the caller's own provider keys ({@link UserKeys}, checked by vault's {@link KeyInput}):
 * typed into password fields, stored sealed, and afterwards only ever shown as "saved" with a masked tail.
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
        if (model.getAttribute("profile") == null) {
            model.addAttribute("profile", new ProfileForm(settings.fullName(), settings.username(), settings.firstName(), settings.lastName()));
        }
        if (model.getAttribute("alertBelow") == null) {
            model.addAttribute("alertBelow", accounts.creditAlert(caller.userId()).map(m -> m.toUsd().stripTrailingZeros().toPlainString()).orElse(""));
        }
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

    @PostMapping("/profile")
    String saveProfile(Caller caller, ProfileForm form, Model model, RedirectAttributes redirect) {
        var errors = new FieldErrors();
        errors.check("", () -> accounts.updateSettings(caller.userId(), new Settings.Change(form.fullName().strip(), form.username().strip(),
                form.firstName().strip(), form.lastName().strip(), null, null, null, null)));
        if (errors.any()) {
            model.addAttribute("profile", form);
            model.addAttribute("profileErrors", labelled(errors));
            return profile(caller, model);
        }
        redirect.addFlashAttribute("saved", "Profile saved.");
        return "redirect:/profile";
    }

    @PostMapping("/profile/notifications")
    String saveNotifications(Caller caller, @RequestParam(defaultValue = "false") boolean emailNotifications,
                             @RequestParam(defaultValue = "false") boolean marketingEmails, @RequestParam(defaultValue = "") String alertBelow,
                             Model model, RedirectAttributes redirect) {
        var errors = new FieldErrors();
        errors.check("The alert amount", () -> {
            accounts.setCreditAlert(caller.userId(), usd(alertBelow));
            return null;
        });
        if (errors.any()) {
            model.addAttribute("alertBelow", alertBelow);
            model.addAttribute("alertError", errors.asMap().values().iterator().next());
            return profile(caller, model);
        }
        accounts.updateSettings(caller.userId(), new Settings.Change(null, null, null, null, emailNotifications, marketingEmails, null, null));
        redirect.addFlashAttribute("saved", "Notification preferences saved.");
        return "redirect:/profile#notifications";
    }

    @PostMapping("/profile/keys/{provider}")
    String saveKey(Caller caller, @PathVariable String provider, @RequestParam(defaultValue = "") String apiKey, Model model,
                   RedirectAttributes redirect) {
        var known = keyedProvider(provider);
        var errors = new FieldErrors();
        var key = known.isEmpty() ? null : errors.check("The key", () -> KeyInput.secret("apiKey", apiKey));
        if (known.isEmpty() || errors.any()) {
            model.addAttribute("keyError", provider);
            model.addAttribute("keyErrorText", errors.any() ? errors.asMap().get("apiKey") : "Choose a provider that takes a key.");
            return profile(caller, model);
        }
        keys.put(caller.userId(), known.get().id(), key);
        redirect.addFlashAttribute("saved", "Your " + known.get().displayName() + " key is saved.");
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

    /** The profile form's refusals with the form's own labels (the rule's words after them). */
    private static java.util.Map<String, String> labelled(FieldErrors errors) {
        var labels = java.util.Map.of("full_name", "Full name", "username", "Username", "first_name", "First name", "last_name", "Last name");
        var out = new java.util.LinkedHashMap<String, String>();
        errors.asMap().forEach((field, message) -> out.put(field, labels.getOrDefault(field, field) + message));
        return out;
    }

    private static java.math.BigDecimal usd(String amount) {
        if (amount.isBlank()) {
            return null;
        }
        try {
            return new java.math.BigDecimal(amount.strip());
        } catch (NumberFormatException e) {
            return java.math.BigDecimal.ONE.negate(); // not a number: refused by the amount's rule
        }
    }

    /** The profile's fields as typed. */
    record ProfileForm(String fullName, String username, String firstName, String lastName) {
        ProfileForm {
            fullName = fullName == null ? "" : fullName;
            username = username == null ? "" : username;
            firstName = firstName == null ? "" : firstName;
            lastName = lastName == null ? "" : lastName;
        }
    }

    /** A provider that takes a key, and the masked tail of the caller's key for it when one is saved. */
    record OwnKey(String providerId, String provider, Optional<String> masked) {
    }
}
