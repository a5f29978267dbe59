package dev.switchboard.gateway;

import dev.switchboard.budget.RateLimits;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The API client's or gateway key's requests and tokens per minute ({@link RateLimits}): counted once per call, however
 * many candidates and keys it tries (the decision is kept with the call), and described to the client in OpenAI's
 * {@code x-ratelimit-*} headers, on a success as on the 429. Each attempt's real tokens correct the call's worst case
 * ({@link #spent}).
 */
@Component
@Order(30)
class WithinRateLimits implements CallPolicy {

    private final RateLimits rateLimits;
    private final WorstCase worstCase;

    WithinRateLimits(RateLimits rateLimits, WorstCase worstCase) {
        this.rateLimits = rateLimits;
        this.worstCase = worstCase;
    }

    record Decided(Decision<Void> decision, RateLimits.Taken taken) {
    }

    @Override
    public Decision<Void> check(CallRequest request, Candidate candidate) {
        var memo = CallMemo.of(request); // decided once per call (see CallMemo)
        if (memo == null) {
            return decide(request, candidate).decision();
        }
        if (memo.rateLimits() == null) {
            memo.rateLimits(decide(request, candidate));
        }
        return memo.rateLimits().decision();
    }

    /** An attempt of the call ended having used these tokens (input and output; zero when it never reached the provider). */
    void spent(CallRequest request, long tokens) {
        var memo = CallMemo.of(request);
        if (memo != null && memo.rateLimits() != null) {
            memo.rateLimits().taken().spent(tokens);
        }
    }

    private Decided decide(CallRequest request, Candidate candidate) {
        var caller = request.caller();
        if (caller.limits().rpm() == null && caller.limits().tpm() == null) {
            return new Decided(Decision.allowed(), RateLimits.Taken.NOTHING);
        }
        var decision = rateLimits.take(caller, worstCase.tokens(request, candidate.model()));
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes && attributes.getResponse() != null) {
            decision.headers().forEach(attributes.getResponse()::setHeader);
        }
        return new Decided(decision.refused() == null ? Decision.allowed() : new Decision.Refused<>(BudgetReserved.refusal(decision.refused(), null)),
                decision.taken());
    }
}
