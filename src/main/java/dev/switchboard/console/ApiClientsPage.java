package dev.switchboard.console;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;

import dev.switchboard.access.ApiClients;
import dev.switchboard.access.Caller;
import dev.switchboard.access.Limits;
import dev.switchboard.budget.Spending;
import dev.switchboard.money.Money;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Admin: API clients ({@link ApiClients}, as {@code /api/admin/api-clients}): create one with its limits and see its
 * key once, in the answer to that POST; each client's spend today and this month against its budgets
 * ({@link Spending}), twelve to a page; delete. The limits are checked where the API checks them ({@link Limits#fromWire}).
 */
@Controller
class ApiClientsPage {

    static final int PAGE_SIZE = 12;
    private final ApiClients clients;
    private final Spending spending;

    ApiClientsPage(ApiClients clients, Spending spending) {
        this.clients = clients;
        this.spending = spending;
    }

    @GetMapping("/admin/api-clients")
    String list(Caller caller, @RequestParam(defaultValue = "1") int page, Model model) {
        ConsoleErrors.signedIn(model, caller);
        var sorted = clients.list().stream().sorted(Comparator.comparing(ApiClients.ApiClient::name)).toList();
        model.addAttribute("clients", Paged.of(sorted, page, PAGE_SIZE, "/admin/api-clients", "page").map(this::row));
        return "console/admin-api-clients";
    }

    @PostMapping("/admin/api-clients")
    String create(Caller caller, @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String rpm,
                  @RequestParam(defaultValue = "") String dailyBudget, @RequestParam(defaultValue = "") String monthlyBudget,
                  @RequestParam(defaultValue = "") String allowedModels, Model model) {
        try {
            var limits = Limits.fromWire(rpm.isBlank() ? null : Integer.valueOf(rpm.strip()), null, usd(dailyBudget), usd(monthlyBudget),
                    Arrays.stream(allowedModels.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
            model.addAttribute("created", clients.create(name.strip(), limits, true));
        } catch (ResponseStatusException e) {
            model.addAttribute("createError", e.getReason());
        } catch (NumberFormatException e) {
            model.addAttribute("createError", "Limits are numbers: requests per minute, budgets in dollars such as 12.50.");
        }
        return list(caller, 1, model);
    }

    @PostMapping("/admin/api-clients/{id}/delete")
    String delete(Caller caller, @PathVariable String id) {
        clients.delete(id);
        return "redirect:/admin/api-clients";
    }

    private Row row(ApiClients.ApiClient c) {
        var limits = c.limits();
        return new Row(c, KeyPoolPage.Bar.of(spending.clientSpent(c.id(), true), money(limits.dailyBudgetNanos())),
                KeyPoolPage.Bar.of(spending.clientSpent(c.id(), false), money(limits.monthlyBudgetNanos())));
    }

    private static Money money(Long nanos) {
        return nanos == null ? null : Money.ofNanos(nanos);
    }

    private static BigDecimal usd(String amount) {
        return amount.isBlank() ? null : new BigDecimal(amount.strip());
    }

    /** A client with its spend against its daily and monthly budgets. */
    record Row(ApiClients.ApiClient client, KeyPoolPage.Bar today, KeyPoolPage.Bar month) {
    }
}
