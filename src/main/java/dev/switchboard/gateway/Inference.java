package dev.switchboard.gateway;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.switchboard.budget.Reservation;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.metering.Outcome;
import dev.switchboard.provider.ProviderException;
import dev.switchboard.provider.UpstreamTimeouts;
import dev.switchboard.routing.Ending;
import dev.switchboard.routing.Route;
import dev.switchboard.routing.Step;
import dev.switchboard.vault.Credential;
import dev.switchboard.vault.Credentials;
import dev.switchboard.vault.KeyOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one request pipeline: every inference call, whatever its dialect or front end, is served here. The model must
 * exist; routing plans the call's route (deployments, retries with backoff, fallbacks, timeouts); for each step in turn the named {@link CallPolicy policies} run (cheapest first), then a credential is
 * chosen, the upstream is called ({@link Exchanges}) writing to the sink, and the outcome is recorded and settled with
 * the credential (a pool key's spending and health). A pool key that the provider rate-limits or refuses is replaced by
 * the next usable key for the same candidate; a failure the next candidate might not have (retriable, or a request this
 * provider cannot express) moves on to it; both only as long as no byte reached the client, after which the answer ends
 * with an error in the dialect. Every attempt that reached a provider leaves exactly one usage record, whatever was
 * thrown.
 * <p>
 * Refusals are thrown as {@link Refusal}, failures before the answer began as {@link CallFailure.CallFailed}; the
 * dialects render both.
 */
@Service
public class Inference {

    private static final Logger log = LoggerFactory.getLogger(Inference.class);

    private final Catalog catalog;
    private final Candidates candidates;
    private final List<CallPolicy> policies;
    private final CredentialAvailable credentialAvailable;
    private final Credentials credentials;
    private final Exchanges exchanges;
    private final CallRecorder recorder;
    private final BudgetReserved budgetReserved;
    private final WithinRateLimits rateLimits;

    Inference(Catalog catalog, Candidates candidates, List<CallPolicy> policies, CredentialAvailable credentialAvailable,
              Credentials credentials, Exchanges exchanges, CallRecorder recorder, BudgetReserved budgetReserved, WithinRateLimits rateLimits) {
        this.budgetReserved = budgetReserved;
        this.rateLimits = rateLimits;
        this.catalog = catalog;
        this.candidates = candidates;
        this.policies = policies;
        this.credentialAvailable = credentialAvailable;
        this.credentials = credentials;
        this.exchanges = exchanges;
        this.recorder = recorder;
    }

    public void execute(CallRequest request, Sink sink) {
        CallMemo.during(request, () -> serve(request, sink));
    }

    private void serve(CallRequest request, Sink sink) {
        var model = catalog.model(request.model()).orElseThrow(() -> unavailable(request.model()));
        var route = candidates.route(request, model);
        Refusal refused = null;
        CallFailure failed = null;
        for (var step = route.next(); step != null; step = route.next()) {
            var tried = step(request, step, sink, route);
            switch (tried) {
                case Tried.Served served -> {
                    return;
                }
                case Tried.NotSent(var refusal) -> refused = refused == null ? refusal : refused;
                case Tried.Failed(var failure, var _, var _) -> failed = failure;
            }
        }
        if (failed != null) {
            throw failed.raised();
        }
        throw refused != null ? refused : Refusal.modelNotFound(request.model());
    }

    /**
     * One step of the route, within its timeouts; the answer is told which model serves it and on which attempt
     * ({@code x-switchboard-model}, {@code x-switchboard-attempts}), and the route how the step ended.
     */
    private Tried step(CallRequest request, Step step, Sink sink, Route route) {
        var candidate = candidates.of(step);
        var t = step.timeouts();
        sink.servedBy(step.model().name(), step.number());
        var started = System.nanoTime();
        Ending ending = new Ending.Served(false);
        try {
            var tried = ScopedValue.where(UpstreamTimeouts.CURRENT, new UpstreamTimeouts(t.connect(), t.firstByte(), t.streamIdle()))
                    .call(() -> candidate(request, candidate, sink));
            ending = switch (tried) {
                case Tried.Served(var partial) -> new Ending.Served(partial);
                case Tried.NotSent notSent -> new Ending.NotSent();
                case Tried.Failed(var failure, var retriable, var otherKey) ->
                        new Ending.Failed(Candidates.fault(failure, retriable, otherKey), failure.retryAfterSeconds());
            };
            return tried;
        } finally {
            route.ended(step, ending, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    /** Why there is no model by that name: its provider is disabled, or there is none. */
    private Refusal unavailable(String name) {
        return catalog.disabledProviderOf(name).map(p -> Refusal.providerDisabled(name, p.displayName()))
                .orElseGet(() -> Refusal.modelNotFound(name));
    }

    /** Serves the call on one candidate, with the next pool key after one that the provider rate-limited or refused. */
    private Tried candidate(CallRequest request, Candidate candidate, Sink sink) {
        Set<String> triedKeys = new HashSet<>();
        Tried.Failed keyFailure = null;
        while (true) {
            var admitted = admit(request, candidate, triedKeys);
            if (admitted instanceof Decision.Refused<Attempt>(var refusal)) {
                return keyFailure != null ? keyFailure : new Tried.NotSent(refusal);
            }
            var attempt = ((Decision.Allowed<Attempt>) admitted).value();
            var credential = attempt.credential();
            var tried = attempt(attempt, sink);
            if (!(tried instanceof Tried.Failed failure) || !failure.otherKey() || credential.kind() != Credential.Kind.POOL) {
                return tried;
            }
            keyFailure = failure;
            triedKeys.add(credential.id());
        }
    }

    /** How an admin's test of a credential ended: the failure, or null when the provider answered. */
    CallFailure probe(CallRequest request, Candidate candidate, Credential credential) {
        return switch (attempt(new Attempt(request, candidate, credential), new WholeAnswer())) {
            case Tried.Failed failed -> failed.failure();
            case Tried.NotSent(var refusal) -> throw refusal;
            case Tried.Served served -> null;
        };
    }

    /**
     * The policies, then a credential, then the budgets' reservation (a refused reservation gives the credential back).
     * Refused after the rate limits took the call's worst-case tokens, the call gives back what it has not used (nothing
     * more was sent for it).
     */
    private Decision<Attempt> admit(CallRequest request, Candidate candidate, Set<String> triedKeys) {
        for (var policy : policies) {
            if (policy.check(request, candidate) instanceof Decision.Refused<Void>(var refusal)) {
                rateLimits.spent(request, 0);
                return new Decision.Refused<>(refusal);
            }
        }
        var chosen = credentialAvailable.choose(request, candidate, triedKeys);
        if (chosen instanceof Decision.Refused<Credential>(var refusal)) {
            rateLimits.spent(request, 0);
            return new Decision.Refused<>(refusal);
        }
        var credential = ((Decision.Allowed<Credential>) chosen).value();
        var reserved = budgetReserved.reserve(request, candidate, credential);
        if (reserved instanceof Decision.Refused<Reservation>(var refusal)) {
            credentials.settle(credential, KeyOutcome.NOT_SENT, 0, null);
            rateLimits.spent(request, 0);
            return new Decision.Refused<>(refusal);
        }
        return new Decision.Allowed<>(new Attempt(request, candidate, credential, ((Decision.Allowed<Reservation>) reserved).value()));
    }

    /**
     * How one attempt ended, for the loop: served (or ended for good; {@code partial} when it broke after the answer
     * began, which routing counts against the deployment), never sent, or failed before the answer began, with whether
     * another candidate might succeed ({@code retriable}) and whether another key might ({@code otherKey}).
     */
    private sealed interface Tried {
        record Served(boolean partial) implements Tried {
        }

        record NotSent(Refusal refusal) implements Tried {
        }

        record Failed(CallFailure failure, boolean retriable, boolean otherKey) implements Tried {
        }
    }

    /** What an attempt tells its credential and its budgets' reservation, booked when the attempt ends however it ends. */
    private static final class Settlement {
        KeyOutcome outcome = KeyOutcome.NOT_SENT;
        long costNanos;
        long tokens;
        Long retryAfterSeconds;

        /** What the usage record of the attempt said it cost, and the tokens it used (for tokens-per-minute limits). */
        void recorded(dev.switchboard.money.Money cost, dev.switchboard.provider.Usage usage) {
            costNanos = cost.nanoUsd();
            tokens = usage == null ? 0 : usage.inputTokens() + usage.outputTokens();
        }
    }

    private Tried attempt(Attempt attempt, Sink sink) {
        var settlement = new Settlement();
        try {
            return attempt(attempt, sink, settlement);
        } finally {
            credentials.settle(attempt.credential(), settlement.outcome, settlement.costNanos, settlement.retryAfterSeconds);
            attempt.reservation().settle(settlement.costNanos);
            rateLimits.spent(attempt.request(), settlement.tokens);
        }
    }

    private Tried attempt(Attempt attempt, Sink sink, Settlement settlement) {
        var tap = new Exchanges.UsageTap();
        try {
            var exchange = exchanges.perform(attempt, sink, tap);
            if (exchange.reachedProvider()) {
                settlement.recorded(recorder.record(attempt, sink, Outcome.OK, 200, null, exchange.usage()), exchange.usage());
                settlement.outcome = KeyOutcome.SERVED;
            }
            quietly(exchange.finish());
            return new Tried.Served(false);
        } catch (ProviderException e) {
            if (!e.reachedProvider()) {
                return new Tried.NotSent(Refusal.invalid(null, "unsupported_request", e.getMessage()));
            }
            settlement.outcome = keyOutcome(e.kind());
            settlement.retryAfterSeconds = e.retryAfterSeconds();
            var otherKey = e.kind() == ProviderException.Kind.RATE_LIMITED || e.kind() == ProviderException.Kind.CREDENTIAL_REFUSED;
            return failed(attempt, sink, tap, settlement, CallFailure.of(e), e.kind().name(), e.kind().retriable(), otherKey);
        } catch (ClientGone e) {
            settlement.outcome = KeyOutcome.REQUEST_FAILED;
            settlement.recorded(recorder.record(attempt, sink, Outcome.CANCELLED, 499, "CLIENT_CLOSED", tap.usage()), tap.usage());
            return new Tried.Served(false);
        } catch (RuntimeException | Error e) {
            log.error("Unexpected failure serving a {} call to {}", attempt.request().endpoint().recordedAs(), attempt.target(), e);
            settlement.outcome = KeyOutcome.REQUEST_FAILED;
            var tried = failed(attempt, sink, tap, settlement, CallFailure.internal(), "INTERNAL", false, false);
            if (e instanceof Error error) {
                throw error;
            }
            return tried;
        }
    }

    private Tried failed(Attempt attempt, Sink sink, Exchanges.UsageTap tap, Settlement settlement, CallFailure failure, String errorType,
                         boolean retriable, boolean otherKey) {
        var started = sink.started();
        var status = failure.status(attempt.request().endpoint().dialect());
        settlement.recorded(recorder.record(attempt, sink, started ? Outcome.PARTIAL : Outcome.ERROR, status, errorType, tap.usage()), tap.usage());
        if (!started) {
            return new Tried.Failed(failure, retriable, otherKey);
        }
        quietly(() -> sink.failMidway(failure));
        return new Tried.Served(true);
    }

    private static KeyOutcome keyOutcome(ProviderException.Kind kind) {
        return switch (kind) {
            case CREDENTIAL_REFUSED -> KeyOutcome.CREDENTIAL_REFUSED;
            case RATE_LIMITED -> KeyOutcome.RATE_LIMITED;
            case UPSTREAM_ERROR, MALFORMED_ANSWER, TIMEOUT, UNREACHABLE -> KeyOutcome.PROVIDER_FAILED;
            case INVALID_REQUEST -> KeyOutcome.REQUEST_FAILED;
        };
    }

    /** The answer's last write: a client that left after its usage was recorded needs nothing more. */
    private static void quietly(Runnable write) {
        try {
            write.run();
        } catch (ClientGone ignored) {
            // recorded already
        }
    }
}
