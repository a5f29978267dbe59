package dev.switchboard.console;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import dev.switchboard.access.Account;
import dev.switchboard.access.Accounts;
import dev.switchboard.access.Accounts.AccountChange;
import dev.switchboard.access.Caller;
import dev.switchboard.access.Role;
import dev.switchboard.money.Money;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin: users ({@link Accounts}, as {@code /api/admin/users}): the list, paged; create one; and on a user's own page
 * change the role, activate or deactivate, grant credits (the credits ledger) and set the subscription and trial. Every
 * rule is {@link Accounts}' own (an admin cannot demote itself, a grant is bounded); its refusal is shown next to the
 * field it names, and a change that was made is confirmed on the page it leads back to.
 */
@Controller
class UsersPage {

    static final int PAGE_SIZE = 20;
    private final Accounts accounts;
    private final Clock clock;

    UsersPage(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @GetMapping("/admin/users")
    String list(Caller caller, @RequestParam(defaultValue = "1") int page, Model model) {
        ConsoleErrors.signedIn(model, caller);
        var now = clock.millis();
        model.addAttribute("users", Paged.of(Math.toIntExact(accounts.count()), page, PAGE_SIZE, Paged.Address.here("/admin/users", "page"),
                (from, size) -> accounts.list(from, size).stream().map(a -> Row.of(a, now)).toList()));
        return "console/admin-users";
    }

    @PostMapping("/admin/users")
    String create(Caller caller, @RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
                  @RequestParam(defaultValue = "") String fullName, @RequestParam(defaultValue = "USER") String role, Model model,
                  RedirectAttributes redirect) {
        try {
            var account = accounts.create(email.strip(), password, "ADMIN".equals(role) ? Role.ADMIN : Role.USER,
                    fullName.isBlank() ? null : fullName.strip());
            redirect.addFlashAttribute("saved", "Created " + account.email() + ".");
            return "redirect:/admin/users/" + account.id();
        } catch (ResponseStatusException e) {
            model.addAttribute("errors", FieldError.of(e, "email").asMap());
            model.addAttribute("form", new NewUser(email, fullName, role));
            return list(caller, Integer.MAX_VALUE, model);
        }
    }

    @GetMapping("/admin/users/{id}")
    String user(Caller caller, @PathVariable String id, Model model) {
        ConsoleErrors.signedIn(model, caller);
        var account = accounts.find(id).orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
        model.addAttribute("user", Row.of(account, clock.millis()));
        model.addAttribute("self", account.id().equals(caller.userId()));
        return "console/admin-user";
    }

    @PostMapping("/admin/users/{id}/role")
    String role(Caller caller, @PathVariable String id, @RequestParam(defaultValue = "USER") String role, Model model, RedirectAttributes redirect) {
        var next = "ADMIN".equals(role) ? Role.ADMIN : Role.USER;
        return change(caller, id, new AccountChange(next, null, null, null, null), "role", "Role set to " + next.name().toLowerCase() + ".",
                model, redirect);
    }

    @PostMapping("/admin/users/{id}/active")
    String active(Caller caller, @PathVariable String id, @RequestParam boolean active, Model model, RedirectAttributes redirect) {
        return change(caller, id, new AccountChange(null, active, null, null, null), "is_active",
                active ? "Activated: the user can sign in and call again." : "Deactivated: the user's sessions and keys stop at once.",
                model, redirect);
    }

    @PostMapping("/admin/users/{id}/credits")
    String grant(Caller caller, @PathVariable String id, @RequestParam(defaultValue = "") String amount,
                 @RequestParam(defaultValue = "") String note, Model model, RedirectAttributes redirect) {
        Money grant;
        try {
            grant = Money.ofUsd(new BigDecimal(amount.strip()));
        } catch (IllegalArgumentException e) { // NumberFormatException too
            return refused(caller, id, new FieldError("credits_grant",
                    "Give an amount in dollars such as 5 or 12.50 (negative takes credits back), at most 9 decimals."), model);
        }
        return change(caller, id, new AccountChange(null, null, grant, note.isBlank() ? null : note.strip(), null), "credits_grant",
                (grant.isNegative() ? "Took back " + Prices.usd(-grant.nanoUsd()) : "Granted " + Prices.usd(grant.nanoUsd())) + ".", model, redirect);
    }

    @PostMapping("/admin/users/{id}/subscription")
    String subscription(Caller caller, @PathVariable String id, @RequestParam(defaultValue = "false") boolean hasSubscription,
                        @RequestParam(defaultValue = "") String trialUntil, Model model, RedirectAttributes redirect) {
        Long trial;
        try {
            trial = trialUntil.isBlank() ? null : endOfDay(LocalDate.parse(trialUntil.strip()));
        } catch (DateTimeParseException e) {
            return refused(caller, id, new FieldError("trial_until", "Give the trial's last day as a date, such as 2026-12-31."), model);
        }
        return change(caller, id, new AccountChange(null, null, null, null, null, hasSubscription, trial, trial == null), "has_subscription",
                "Subscription saved.", model, redirect);
    }

    private String change(Caller caller, String id, AccountChange change, String field, String saved, Model model, RedirectAttributes redirect) {
        try {
            accounts.update(id, change, caller);
        } catch (ResponseStatusException e) {
            return refused(caller, id, FieldError.of(e, field), model);
        }
        redirect.addFlashAttribute("saved", saved);
        return "redirect:/admin/users/" + id;
    }

    private String refused(Caller caller, String id, FieldError error, Model model) {
        model.addAttribute("errors", error.asMap());
        return user(caller, id, model);
    }

    /** The trial runs to the end of its last day (UTC, the billing calendar's zone). */
    private static long endOfDay(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1;
    }

    /** What the create form keeps after a refusal (never the password). */
    record NewUser(String email, String fullName, String role) {
    }

    /** A user as the pages show it: credits in dollars, the trial's last day. */
    record Row(Account account, String granted, String spent, String balance, String trialUntil, boolean trialOver, String created) {

        static Row of(Account a, long nowMillis) {
            var trial = a.subscription().trialUntilMillis();
            return new Row(a, Prices.usd(a.creditsGranted().nanoUsd()), Prices.usd(a.creditsGranted().minus(a.creditsBalance()).nanoUsd()),
                    Prices.usd(a.creditsBalance().nanoUsd()), trial == null ? null : day(trial),
                    trial != null && trial < nowMillis, day(a.createdAtMillis()));
        }

        private static String day(long millis) {
            return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate().toString();
        }
    }
}
