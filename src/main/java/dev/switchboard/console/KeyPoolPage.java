package dev.switchboard.console;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

import dev.switchboard.access.Caller;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.money.Money;
import dev.switchboard.vault.PoolKeyAdmin;
import dev.switchboard.vault.PoolKeyAdmin.View;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Admin: the key pool ({@link PoolKeyAdmin}, as {@code /api/admin/llm-keys}). Statistics cards over every key, a card
 * per key (status, masked key, spend against its daily, monthly and total limits, requests, last use), add, switch
 * on or off, make default and delete. The secret is typed once and only its masked form is ever shown.
 */
@Controller
class KeyPoolPage {

    private final PoolKeyAdmin admin;
    private final Catalog catalog;

    KeyPoolPage(PoolKeyAdmin admin, Catalog catalog) {
        this.admin = admin;
        this.catalog = catalog;
    }

    @GetMapping({"/admin", "/admin/keys"})
    String keys(Caller caller, Model model) {
        ConsoleErrors.signedIn(model, caller);
        var keys = admin.list().stream().sorted(Comparator.comparing(View::providerId).thenComparing(View::name)).toList();
        model.addAttribute("keys", keys.stream().map(KeyCard::of).toList());
        model.addAttribute("stats", Stats.of(keys));
        model.addAttribute("providers", catalog.providers().stream().filter(p -> p.requiresKey()).map(p -> p.id()).sorted().toList());
        return "console/admin-keys";
    }

    @PostMapping("/admin/keys")
    String add(Caller caller, @RequestParam(defaultValue = "") String provider, @RequestParam(defaultValue = "") String name,
               @RequestParam(defaultValue = "") String apiKey, @RequestParam(defaultValue = "") String dailyLimit,
               @RequestParam(defaultValue = "") String monthlyLimit, @RequestParam(defaultValue = "false") boolean isDefault, Model model) {
        var error = refusal(provider, name.strip(), apiKey.strip(), dailyLimit, monthlyLimit);
        if (error != null) {
            model.addAttribute("addError", error);
            model.addAttribute("openAdd", true);
            return keys(caller, model);
        }
        admin.add(new PoolKeyAdmin.NewKey(provider, name.strip(), apiKey.strip(), null, usd(dailyLimit), usd(monthlyLimit), null, null, 0,
                isDefault, null));
        return "redirect:/admin/keys";
    }

    @PostMapping("/admin/keys/{id}/toggle")
    String toggle(Caller caller, @PathVariable String id) {
        admin.find(id).ifPresent(k -> admin.switchOn(id, !k.active()));
        return "redirect:/admin/keys";
    }

    @PostMapping("/admin/keys/{id}/default")
    String makeDefault(Caller caller, @PathVariable String id) {
        admin.makeDefault(id);
        return "redirect:/admin/keys";
    }

    @PostMapping("/admin/keys/{id}/delete")
    String delete(Caller caller, @PathVariable String id) {
        admin.delete(id);
        return "redirect:/admin/keys";
    }

    private String refusal(String provider, String name, String apiKey, String daily, String monthly) {
        if (catalog.provider(provider).isEmpty()) {
            return "Choose a provider.";
        }
        if (name.isEmpty() || name.length() > 100 || admin.nameTaken(provider, name, null)) {
            return name.isEmpty() || name.length() > 100 ? "Give the key a name of 1 to 100 characters." : "Another " + provider + " key has that name.";
        }
        if (!apiKey.matches("\\p{Graph}{8,1024}")) {
            return "The key must be 8 to 1024 printable characters without spaces.";
        }
        try {
            usd(daily);
            usd(monthly);
            return null;
        } catch (IllegalArgumentException e) {
            return "Limits are amounts in dollars, such as 5 or 12.50.";
        }
    }

    private static Money usd(String amount) {
        if (amount.isBlank()) {
            return null;
        }
        var money = Money.ofUsd(new BigDecimal(amount.strip()));
        if (money.isNegative()) {
            throw new IllegalArgumentException("negative");
        }
        return money;
    }

    /** One key's card: its view and each limit as a bar (null when the key has no such limit). */
    record KeyCard(View key, Bar daily, Bar monthly, Bar total, String successRate, String lastUsed) {

        private static final java.time.format.DateTimeFormatter WHEN =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

        static KeyCard of(View k) {
            return new KeyCard(k, Bar.of(k.dailyCost(), k.dailyLimit()), Bar.of(k.monthlyCost(), k.monthlyLimit()),
                    Bar.of(k.totalCost(), k.totalLimit()), rate(k.successfulRequests(), k.totalRequests()),
                    k.lastUsedAt() == null ? "never" : WHEN.format(k.lastUsedAt()));
        }
    }

    /** Spend against a limit: the numbers for a {@code <progress>} and their words. */
    record Bar(long spentNanos, Long limitNanos, String spent, String limit) {

        static Bar of(Money spent, Money limit) {
            return new Bar(spent.nanoUsd(), limit == null ? null : limit.nanoUsd(), Prices.usd(spent.nanoUsd()),
                    limit == null ? null : Prices.usd(limit.nanoUsd()));
        }
    }

    /** The dashboard's cards: sums over every key, and the limits of the keys that are switched on. */
    record Stats(int keys, long active, String totalCost, Bar daily, Bar monthly, long requests, String successRate) {

        static Stats of(List<View> keys) {
            var requests = keys.stream().mapToLong(View::totalRequests).sum();
            var successes = keys.stream().mapToLong(View::successfulRequests).sum();
            var on = keys.stream().filter(View::active).toList();
            return new Stats(keys.size(), keys.stream().filter(k -> k.status().name().equals("ACTIVE")).count(),
                    Prices.usd(sum(keys.stream().map(View::totalCost).toList()).nanoUsd()),
                    Bar.of(sum(keys.stream().map(View::dailyCost).toList()), limitOf(on.stream().map(View::dailyLimit).toList())),
                    Bar.of(sum(keys.stream().map(View::monthlyCost).toList()), limitOf(on.stream().map(View::monthlyLimit).toList())),
                    requests, rate(successes, requests));
        }

        private static Money limitOf(List<Money> limits) {
            return limits.stream().allMatch(l -> l == null) ? null : sum(limits);
        }
    }

    private static Money sum(List<Money> amounts) {
        return amounts.stream().filter(m -> m != null).reduce(Money.ZERO, Money::plus);
    }

    private static String rate(long successes, long requests) {
        return requests == 0 ? "—" : Math.round(100.0 * successes / requests) + "%";
    }
}
