package dev.switchboard.gateway;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.metering.Outcome;
import dev.switchboard.provider.ProviderException;
import dev.switchboard.vault.Credential;
import dev.switchboard.vault.Credentials;
import dev.switchboard.vault.KeyOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one request pipeline: every inference call, whatever its dialect or front end, is served here. The model must
 * exist; for each candidate in turn the named {@link CallPolicy policies} run (cheapest first), then a credential is
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

    Inference(Catalog catalog, Candidates candidates, List<CallPolicy> policies, CredentialAvailable credentialAvailable,
              Credentials credentials, Exchanges exchanges, CallRecorder recorder) {
        this.catalog = catalog;
        this.candidates = candidates;
        this.policies = policies;
        this.credentialAvailable = credentialAvailable;
        this.credentials = credentials;
        this.exchanges = exchanges;
        this.recorder = recorder;
    }

    public void execute(CallRequest request, Sink sink) {
        var model = catalog.model(request.model()).orElseThrow(() -> unavailable(request.model()));
        Refusal refused = null;
        CallFailure failed = null;
        for (var candidate : candidates.of(request, model)) {
            var tried = candidate(request, candidate, sink);
            switch (tried) {
                case Tried.Served served -> {
                    return;
                }
                case Tried.NotSent(var refusal) -> refused = refused == null ? refusal : refused;
                case Tried.Failed(var failure, var retriable, var otherKey) -> {
                    failed = failure;
                    if (!retriable && !otherKey) {
                        throw failure.raised();
                    }
                }
            }
        }
        if (failed != null) {
            throw failed.raised();
        }
        throw refused != null ? refused : Refusal.modelNotFound(request.model());
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
            if (admitted instanceof Decision.Refused<Credential>(var refusal)) {
                return keyFailure != null ? keyFailure : new Tried.NotSent(refusal);
            }
            var credential = ((Decision.Allowed<Credential>) admitted).value();
            var tried = attempt(new Attempt(request, candidate, credential), sink);
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

    private Decision<Credential> admit(CallRequest request, Candidate candidate, Set<String> triedKeys) {
        for (var policy : policies) {
            if (policy.check(request, candidate) instanceof Decision.Refused<Void>(var refusal)) {
                return new Decision.Refused<>(refusal);
            }
        }
        return credentialAvailable.choose(request, candidate, triedKeys);
    }

    /**
     * How one attempt ended, for the loop: served (or ended for good), never sent, or failed before the answer began,
     * with whether another candidate might succeed ({@code retriable}) and whether another key might ({@code otherKey}).
     */
    private sealed interface Tried {
        record Served() implements Tried {
        }

        record NotSent(Refusal refusal) implements Tried {
        }

        record Failed(CallFailure failure, boolean retriable, boolean otherKey) implements Tried {
        }
    }

    /** What an attempt tells its credential, booked when the attempt ends however it ends. */
    private static final class Settlement {
        KeyOutcome outcome = KeyOutcome.NOT_SENT;
        long costNanos;
        Long retryAfterSeconds;
    }

    private Tried attempt(Attempt attempt, Sink sink) {
        var settlement = new Settlement();
        try {
            return attempt(attempt, sink, settlement);
        } finally {
            credentials.settle(attempt.credential(), settlement.outcome, settlement.costNanos, settlement.retryAfterSeconds);
        }
    }

    private Tried attempt(Attempt attempt, Sink sink, Settlement settlement) {
        var tap = new Exchanges.UsageTap();
        try {
            var exchange = exchanges.perform(attempt, sink, tap);
            if (exchange.reachedProvider()) {
                settlement.costNanos = recorder.record(attempt, sink, Outcome.OK, 200, null, exchange.usage()).nanoUsd();
                settlement.outcome = KeyOutcome.SERVED;
            }
            quietly(exchange.finish());
            return new Tried.Served();
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
            settlement.costNanos = recorder.record(attempt, sink, Outcome.CANCELLED, 499, "CLIENT_CLOSED", tap.usage()).nanoUsd();
            return new Tried.Served();
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
        settlement.costNanos = recorder.record(attempt, sink, started ? Outcome.PARTIAL : Outcome.ERROR, status, errorType, tap.usage()).nanoUsd();
        if (!started) {
            return new Tried.Failed(failure, retriable, otherKey);
        }
        quietly(() -> sink.failMidway(failure));
        return new Tried.Served();
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
