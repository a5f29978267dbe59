package dev.switchboard.console;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

import dev.switchboard.access.Caller;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.money.Money;
import dev.switchboard.vault.KeyInput;
import dev.switchboard.vault.PoolKeyAdmin;
import dev.switchboard.vault.PoolKeyAdmin.View;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriUtils;

/**
 * Admin: the key pool ({@link PoolKeyAdmin}, as {@code /api/admin/llm-keys}). Statistics cards over every key, a card
 * per key (status, masked key, spend against its daily, monthly and total limits, requests, last use), twelve to a page;
 * add, edit (name, limits, priority, base URL, a new secret) in a dialog, test, switch on or off, make default and
 * delete; import an exported bundle. The values are checked by vault's own rules ({@link KeyInput}, {@link PoolKeyAdmin#name}), each refusal shown
 * next to its field. The test is the API's ({@code POST /api/admin/llm-keys/{id}/test}, which calls the provider through
 * the pipeline), forwarded in-process. The secret is typed once and only its masked form is ever shown.
 */
@Controller
class KeyPoolPage {

    static final int PAGE_SIZE = 12;
    private final PoolKeyAdmin admin;
    private final Catalog catalog;

    KeyPoolPage(PoolKeyAdmin admin, Catalog catalog) {
        this.admin = admin;
        this.catalog = catalog;
    }

    @GetMapping({"/admin", "/admin/keys"})
    String keys(Caller caller, @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "") String q, Model model) {
        ConsoleErrors.signedIn(model, caller);
        var keys = sorted();
        var editing = (Edit) model.getAttribute("editing");
        var shown = keys.stream().filter(k -> matches(k, q)).map(k -> KeyCard.of(k, editing)).toList();
        model.addAttribute("keys", Paged.of(shown, page, PAGE_SIZE, "/admin/keys", "page"));
        model.addAttribute("q", q);
        model.addAttribute("stats", Stats.of(keys));
        model.addAttribute("providers", catalog.providers().stream().filter(p -> p.requiresKey()).map(p -> p.id()).sorted().toList());
        return "console/admin-keys";
    }

    @PostMapping("/admin/keys")
    String add(Caller caller, @RequestParam(defaultValue = "") String provider, @RequestParam(defaultValue = "") String name,
               @RequestParam(defaultValue = "") String apiKey, @RequestParam(defaultValue = "") String description,
               @RequestParam(defaultValue = "") String dailyLimit, @RequestParam(defaultValue = "") String monthlyLimit,
               @RequestParam(defaultValue = "") String totalLimit, @RequestParam(defaultValue = "false") boolean isDefault,
               Model model, RedirectAttributes redirect) {
        var errors = new FieldErrors();
        var chosen = errors.check("Provider", () -> admin.provider(provider));
        var checkedName = chosen == null ? null : errors.check("Name", () -> admin.name(chosen, name, null));
        var secret = errors.check("API key", () -> KeyInput.secret("apiKey", apiKey));
        var limits = limits(errors, dailyLimit, monthlyLimit, totalLimit);
        if (errors.any()) {
            model.addAttribute("addErrors", errors.asMap());
            model.addAttribute("add", new Added(provider, name, description, dailyLimit, monthlyLimit, totalLimit, isDefault));
            return keys(caller, 1, "", model);
        }
        var added = admin.add(new PoolKeyAdmin.NewKey(chosen, checkedName, secret, blankToNull(description), limits[0], limits[1], limits[2],
                null, 0, isDefault, null));
        redirect.addFlashAttribute("saved", "Added the key “" + checkedName + "”.");
        return whereIs(added.id());
    }

    @PostMapping("/admin/keys/{id}")
    String edit(Caller caller, @PathVariable String id, @RequestParam(defaultValue = "1") int page, Edit edit, Model model,
                RedirectAttributes redirect) {
        var current = admin.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No pool key '" + id + "'."));
        var errors = new FieldErrors();
        var name = errors.check("Name", () -> admin.name(current.providerId(), edit.name(), id));
        var limits = limits(errors, edit.dailyLimit(), edit.monthlyLimit(), edit.totalLimit());
        var priority = errors.check("Priority", () -> KeyInput.priority("priority", integer(edit.priority())));
        var baseUrl = errors.check("Base URL", () -> edit.baseUrl().isBlank() ? "" : KeyInput.baseUrl("baseUrl", edit.baseUrl()));
        var secret = edit.apiKey().isBlank() ? null : errors.check("New API key", () -> KeyInput.secret("apiKey", edit.apiKey()));
        if (errors.any()) {
            model.addAttribute("editing", edit.withId(id));
            model.addAttribute("editErrors", errors.asMap());
            return keys(caller, page, "", model);
        }
        admin.change(id, new PoolKeyAdmin.Settings(name, blankToNull(edit.description()), limits[0], limits[1], limits[2], current.expiresAt(),
                priority, blankToNull(baseUrl)));
        if (secret != null) {
            admin.replaceSecret(id, secret);
        }
        redirect.addFlashAttribute("saved", "Saved the key “" + name + "”" + (secret == null ? "." : ", with its new secret."));
        return whereIs(id);
    }

    /** The API's test of the key (it calls the provider through the pipeline and records the call); its JSON goes to the page's script. */
    @PostMapping("/admin/keys/{id}/test")
    void test(Caller caller, @PathVariable String id, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        request.getRequestDispatcher("/api/admin/llm-keys/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8) + "/test")
                .forward(request, response);
    }

    /**
     * The API's import of an exported bundle ({@code POST /api/admin/llm-keys/import}, its JSON body as the page's script
     * sends it), forwarded in-process: the same checks, the same answer ({@code imported}, {@code skipped}).
     */
    @PostMapping("/admin/keys/import")
    void importBundle(Caller caller, HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        request.getRequestDispatcher("/api/admin/llm-keys/import").forward(request, response);
    }

    @PostMapping("/admin/keys/{id}/toggle")
    String toggle(Caller caller, @PathVariable String id, @RequestParam(defaultValue = "1") int page, RedirectAttributes redirect) {
        admin.find(id).flatMap(k -> admin.switchOn(id, !k.active()))
                .ifPresent(k -> redirect.addFlashAttribute("saved", "Switched “" + k.name() + "” " + (k.active() ? "on." : "off.")));
        return "redirect:/admin/keys?page=" + page;
    }

    @PostMapping("/admin/keys/{id}/default")
    String makeDefault(Caller caller, @PathVariable String id, @RequestParam(defaultValue = "1") int page, RedirectAttributes redirect) {
        admin.makeDefault(id).ifPresent(k -> redirect.addFlashAttribute("saved", "“" + k.name() + "” is the default " + k.providerId() + " key."));
        return "redirect:/admin/keys?page=" + page;
    }

    @PostMapping("/admin/keys/{id}/delete")
    String delete(Caller caller, @PathVariable String id, @RequestParam(defaultValue = "1") int page, RedirectAttributes redirect) {
        if (admin.delete(id)) {
            redirect.addFlashAttribute("saved", "Deleted the key.");
        }
        return "redirect:/admin/keys?page=" + page;
    }

    private List<View> sorted() {
        return admin.list().stream().sorted(Comparator.comparing(View::providerId).thenComparing(View::name)).toList();
    }

    private static boolean matches(View key, String query) {
        var q = query.strip().toLowerCase(java.util.Locale.ROOT);
        return q.isEmpty() || (key.name() + " " + key.providerId() + " " + key.maskedKey()).toLowerCase(java.util.Locale.ROOT).contains(q);
    }

    /** The page that shows the key, scrolled to its card. */
    private String whereIs(String id) {
        var keys = sorted();
        var at = java.util.stream.IntStream.range(0, keys.size()).filter(i -> keys.get(i).id().equals(id)).findFirst().orElse(0);
        return "redirect:/admin/keys?page=" + (at / PAGE_SIZE + 1) + "#key-" + id;
    }

    /** Daily, monthly and total limits as typed (blank for none), each checked by {@link KeyInput#limit}. */
    private static Money[] limits(FieldErrors errors, String daily, String monthly, String total) {
        return new Money[] {errors.check("Daily limit", () -> usd("dailyLimit", daily)),
                errors.check("Monthly limit", () -> usd("monthlyLimit", monthly)), errors.check("Total limit", () -> usd("totalLimit", total))};
    }

    private static Money usd(String field, String amount) {
        if (amount == null || amount.isBlank()) {
            return null;
        }
        try {
            return KeyInput.limit(field, new BigDecimal(amount.strip()));
        } catch (NumberFormatException e) {
            return KeyInput.limit(field, BigDecimal.ONE.negate()); // not a number: refused by the same rule
        }
    }

    private static long integer(String text) {
        try {
            return text == null || text.isBlank() ? 0 : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1; // not an integer: refused by the range rule
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The add form as typed, to fill it again beside its errors (never the secret). */
    record Added(String provider, String name, String description, String dailyLimit, String monthlyLimit, String totalLimit,
                 boolean isDefault) {
    }

    /** The edit dialog's fields as typed ({@code apiKey} blank keeps the secret); {@code id} is the key's. */
    record Edit(String id, String name, String description, String dailyLimit, String monthlyLimit, String totalLimit, String priority,
                String baseUrl, String apiKey) {

        Edit {
            name = name == null ? "" : name;
            description = description == null ? "" : description;
            dailyLimit = dailyLimit == null ? "" : dailyLimit;
            monthlyLimit = monthlyLimit == null ? "" : monthlyLimit;
            totalLimit = totalLimit == null ? "" : totalLimit;
            priority = priority == null ? "" : priority;
            baseUrl = baseUrl == null ? "" : baseUrl;
            apiKey = apiKey == null ? "" : apiKey;
        }

        Edit withId(String keyId) {
            return new Edit(keyId, name, description, dailyLimit, monthlyLimit, totalLimit, priority, baseUrl, "");
        }

        static Edit of(View k) {
            return new Edit(k.id(), k.name(), k.description(), plain(k.dailyLimit()), plain(k.monthlyLimit()), plain(k.totalLimit()),
                    String.valueOf(k.priority()), k.baseUrl(), "");
        }

        private static String plain(Money money) {
            return money == null ? "" : money.toUsd().stripTrailingZeros().toPlainString();
        }
    }

    /** One key's card: its view, each limit as a bar (null when the key has no such limit), and its edit dialog's fields. */
    record KeyCard(View key, Bar daily, Bar monthly, Bar total, String successRate, String lastUsed, Edit form, boolean editing) {

        private static final java.time.format.DateTimeFormatter WHEN =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

        static KeyCard of(View k, Edit typed) {
            var editing = typed != null && k.id().equals(typed.id());
            return new KeyCard(k, Bar.of(k.dailyCost(), k.dailyLimit()), Bar.of(k.monthlyCost(), k.monthlyLimit()),
                    Bar.of(k.totalCost(), k.totalLimit()), rate(k.successfulRequests(), k.totalRequests()),
                    k.lastUsedAt() == null ? "never" : WHEN.format(k.lastUsedAt()), editing ? typed : Edit.of(k), editing);
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
