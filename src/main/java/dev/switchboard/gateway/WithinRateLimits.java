package dev.switchboard.gateway;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.budget.RateLimits;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The API client's or gateway key's requests and tokens per minute ({@link RateLimits}): counted once per call, however
 * many candidates and keys it tries (the decision is kept with the call), and described to the client in OpenAI's
 * {@code x-ratelimit-*} headers, on a success as on the 429.
 */
@Component
@Order(30)
class WithinRateLimits implements CallPolicy {

    private final RateLimits rateLimits;
    private final WorstCase worstCase;
    private final Cache<CallRequest, Decision<Void>> decided = Caffeine.newBuilder().weakKeys().expireAfterWrite(Duration.ofMinutes(15)).build();

    WithinRateLimits(RateLimits rateLimits, WorstCase worstCase) {
        this.rateLimits = rateLimits;
        this.worstCase = worstCase;
    }

    @Override
    public Decision<Void> check(CallRequest request, Candidate candidate) {
        return decided.get(request, r -> decide(r, candidate));
    }

    private Decision<Void> decide(CallRequest request, Candidate candidate) {
        var caller = request.caller();
        if (caller.limits().rpm() == null && caller.limits().tpm() == null) {
            return Decision.allowed();
        }
        var decision = rateLimits.take(caller, worstCase.tokens(request, candidate.model()));
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes && attributes.getResponse() != null) {
            decision.headers().forEach(attributes.getResponse()::setHeader);
        }
        return decision.refused() == null ? Decision.allowed() : new Decision.Refused<>(BudgetReserved.refusal(decision.refused(), null));
    }
}
