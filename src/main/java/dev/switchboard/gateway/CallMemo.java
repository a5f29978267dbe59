package dev.switchboard.gateway;

import java.util.function.ToLongFunction;

/**
 * What one call works out once and several of its checks need, kept for as long as the call runs: its prompt's token
 * estimate (the rate limits, the key pool and the budgets each ask for the worst case of every attempt, and each count
 * is a copy of the body and a pass of the tokenizer over all of it) and its rate-limit decision (taken once per call,
 * however many candidates and keys it tries). Bound by {@link Inference#execute} for its call alone; asked about any
 * other request (or outside a call) it holds nothing and each question is answered afresh.
 * <p>
 * A scoped value instead of a cache keyed by the request: nothing outlives the call, and no weakly referenced entry per
 * call is written, expired and collected.
 */
final class CallMemo {

    private static final ScopedValue<CallMemo> CURRENT = ScopedValue.newInstance();

    private final CallRequest request;
    private long promptTokens = -1;
    private WithinRateLimits.Decided rateLimits;

    private CallMemo(CallRequest request) {
        this.request = request;
    }

    /** Runs the call with its memo bound. */
    static void during(CallRequest request, Runnable call) {
        ScopedValue.where(CURRENT, new CallMemo(request)).run(call);
    }

    /** The memo of {@code request}'s call, or null when it is not the call being served. */
    static CallMemo of(CallRequest request) {
        var memo = CURRENT.isBound() ? CURRENT.get() : null;
        return memo != null && memo.request == request ? memo : null;
    }

    /** The prompt's estimate, counted on the first question. */
    long promptTokens(ToLongFunction<CallRequest> count) {
        if (promptTokens < 0) {
            promptTokens = count.applyAsLong(request);
        }
        return promptTokens;
    }

    /** What the rate limits decided for the call (null before they were asked). */
    WithinRateLimits.Decided rateLimits() {
        return rateLimits;
    }

    void rateLimits(WithinRateLimits.Decided decided) {
        this.rateLimits = decided;
    }
}
