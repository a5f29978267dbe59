package dev.switchboard.gateway;

import dev.switchboard.budget.Entitlements;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The gateway key or API client may use this candidate's model (its {@code allowed_models}, by name or alias). */
@Component
@Order(20)
class ModelAllowed implements CallPolicy {

    private final Entitlements entitlements;

    ModelAllowed(Entitlements entitlements) {
        this.entitlements = entitlements;
    }

    @Override
    public Decision<Void> check(CallRequest request, Candidate candidate) {
        var model = candidate.model();
        var refused = entitlements.modelRefused(request.caller(), request.model(), model.name(), model.aliases());
        return refused == null ? Decision.allowed() : new Decision.Refused<>(BudgetReserved.refusal(refused, "model"));
    }
}
