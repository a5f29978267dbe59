package dev.switchboard.budget.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.switchboard.access.ApiClients;
import dev.switchboard.access.Limits;
import dev.switchboard.access.LimitsView;
import dev.switchboard.budget.Spending;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/admin/api-clients} (seed 002): applications with a key of their own, their rate limits, budgets and models,
 * and what each has spent today and this month. The key is in the answer to the POST and nowhere else, ever.
 */
@RestController
class AdminApiClientsController {

    private final ApiClients clients;
    private final Spending spending;

    AdminApiClientsController(ApiClients clients, Spending spending) {
        this.clients = clients;
        this.spending = spending;
    }

    @GetMapping("/api/admin/api-clients")
    List<ClientView> list() {
        return clients.list().stream().map(this::view).toList();
    }

    @PostMapping("/api/admin/api-clients")
    ResponseEntity<CreatedView> create(@RequestBody ClientBody body) {
        var created = clients.create(body.name(), limits(body), body.active() == null || body.active());
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedView(view(created.client()), created.apiKey()));
    }

    @GetMapping("/api/admin/api-clients/{id}")
    ClientView one(@PathVariable String id) {
        return clients.find(id).map(this::view).orElseThrow(() -> missing(id));
    }

    /** Replaces the client's settings: a limit left out is removed, {@code active} left out keeps it active. */
    @PutMapping("/api/admin/api-clients/{id}")
    ClientView update(@PathVariable String id, @RequestBody ClientBody body) {
        return clients.update(id, body.name(), limits(body), body.active() == null || body.active()).map(this::view)
                .orElseThrow(() -> missing(id));
    }

    @DeleteMapping("/api/admin/api-clients/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        if (!clients.delete(id)) {
            throw missing(id);
        }
        return ResponseEntity.noContent().build();
    }

    private static Limits limits(ClientBody body) {
        return Limits.fromWire(body.rpmLimit(), body.tpmLimit(), body.dailyBudgetUsd(), body.monthlyBudgetUsd(), body.allowedModels());
    }

    private ClientView view(ApiClients.ApiClient c) {
        return new ClientView(c.id(), c.name(), "****" + c.keyTail(), c.active(), LimitsView.of(c.limits()),
                spending.clientSpent(c.id(), true).toUsd(), spending.clientSpent(c.id(), false).toUsd(),
                Instant.ofEpochMilli(c.createdAtMillis()).toString(), Instant.ofEpochMilli(c.updatedAtMillis()).toString());
    }

    private static ResponseStatusException missing(String id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No API client with id " + id + ".");
    }

    record ClientBody(String name, @JsonProperty("rpm_limit") Integer rpmLimit, @JsonProperty("tpm_limit") Long tpmLimit,
                      @JsonProperty("daily_budget_usd") BigDecimal dailyBudgetUsd, @JsonProperty("monthly_budget_usd") BigDecimal monthlyBudgetUsd,
                      @JsonProperty("allowed_models") List<String> allowedModels, Boolean active) {
    }

    record ClientView(String id, String name, @JsonProperty("masked_key") String maskedKey, boolean active, @JsonUnwrapped LimitsView limits,
                      @JsonProperty("spent_today_usd") BigDecimal spentToday, @JsonProperty("spent_this_month_usd") BigDecimal spentThisMonth,
                      @JsonProperty("created_at") String createdAt, @JsonProperty("updated_at") String updatedAt) {
    }

    /** The only place a client's key is ever shown. */
    record CreatedView(@JsonUnwrapped ClientView client, @JsonProperty("api_key") String apiKey) {
        @Override
        public String toString() {
            return "CreatedView[" + client.id() + "]";
        }
    }
}
