package dev.switchboard.gateway;

import dev.switchboard.budget.Entitlements;
import dev.switchboard.budget.Refused;
import dev.switchboard.budget.Reservation;
import dev.switchboard.budget.Spending;
import dev.switchboard.vault.Credential;
import org.springframework.stereotype.Component;

/**
 * The checks that need the chosen credential, last before the call is sent: a managed credential (pool, environment, a
 * keyless provider the admin set up) serves only callers with a subscription when one is required, and the call's
 * worst-case cost is reserved against every budget that applies ({@link Spending}); the attempt settles it.
 */
@Component
class BudgetReserved {

    private final Entitlements entitlements;
    private final Spending spending;
    private final WorstCase worstCase;

    BudgetReserved(Entitlements entitlements, Spending spending, WorstCase worstCase) {
        this.entitlements = entitlements;
        this.spending = spending;
        this.worstCase = worstCase;
    }

    Decision<Reservation> reserve(CallRequest request, Candidate candidate, Credential credential) {
        var managed = switch (credential.kind()) {
            case POOL, ENV, NONE -> true;
            case BYOK_HEADER, USER_KEY -> false;
        };
        var refused = entitlements.subscriptionRefused(request.caller(), managed);
        if (refused != null) {
            return new Decision.Refused<>(refusal(refused, null));
        }
        var call = new Spending.Call(request.caller(), worstCase.nanos(request, candidate.model()), candidate.provider().creditMultiplierMilli(),
                managed);
        return switch (spending.reserve(call)) {
            case Spending.Admission.Reserved(var reservation) -> new Decision.Allowed<>(reservation);
            case Spending.Admission.Denied(var denied) -> new Decision.Refused<>(refusal(denied, null));
        };
    }

    static Refusal refusal(Refused refused, String param) {
        return new Refusal(refused.status(), refused.reason(), param, refused.message(), refused.retryAfterSeconds());
    }
}
