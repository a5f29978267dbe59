package dev.switchboard.gateway;

import java.util.List;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.metering.Outcome;
import dev.switchboard.provider.ProviderException;
import dev.switchboard.provider.Usage;
import dev.switchboard.vault.Credential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one request pipeline: every inference call, whatever its dialect or front end, is served here. The model must
 * exist; for each candidate in turn the named {@link CallPolicy policies} run (cheapest first), then a credential is
 * chosen, the upstream is called ({@link Exchanges}) writing to the sink, and the outcome is recorded. A failure the
 * next candidate might not have (retriable, or a request this provider cannot express) moves on to it as long as no
 * byte reached the client; after that the answer ends with an error in the dialect. Every attempt that reached a
 * provider leaves exactly one usage record, whatever was thrown.
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
    private final CredentialAvailable credentials;
    private final Exchanges exchanges;
    private final CallRecorder recorder;

    Inference(Catalog catalog, Candidates candidates, List<CallPolicy> policies, CredentialAvailable credentials,
              Exchanges exchanges, CallRecorder recorder) {
        this.catalog = catalog;
        this.candidates = candidates;
        this.policies = policies;
        this.credentials = credentials;
        this.exchanges = exchanges;
        this.recorder = recorder;
    }

    public void execute(CallRequest request, Sink sink) {
        var model = catalog.model(request.model()).orElseThrow(() -> unavailable(request.model()));
        Refusal refused = null;
        CallFailure failed = null;
        for (var candidate : candidates.of(request, model)) {
            var admitted = admit(request, candidate);
            if (admitted instanceof Decision.Refused<Credential>(var refusal)) {
                refused = refused == null ? refusal : refused;
                continue;
            }
            var attempt = new Attempt(request, candidate, ((Decision.Allowed<Credential>) admitted).value());
            switch (attempt(attempt, sink)) {
                case Tried.Served served -> {
                    return;
                }
                case Tried.NotSent(var refusal) -> refused = refused == null ? refusal : refused;
                case Tried.Failed(var failure, var retriable) -> {
                    failed = failure;
                    if (!retriable) {
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

    private Decision<Credential> admit(CallRequest request, Candidate candidate) {
        for (var policy : policies) {
            if (policy.check(request, candidate) instanceof Decision.Refused<Void>(var refusal)) {
                return new Decision.Refused<>(refusal);
            }
        }
        return credentials.choose(request, candidate);
    }

    /** How one attempt ended, for the loop: served (or ended for good), never sent, or failed before the answer began. */
    private sealed interface Tried {
        record Served() implements Tried {
        }

        record NotSent(Refusal refusal) implements Tried {
        }

        record Failed(CallFailure failure, boolean retriable) implements Tried {
        }
    }

    private Tried attempt(Attempt attempt, Sink sink) {
        var tap = new Exchanges.UsageTap();
        try {
            var exchange = exchanges.perform(attempt, sink, tap);
            if (exchange.reachedProvider()) {
                recorder.record(attempt, Outcome.OK, 200, null, exchange.usage());
            }
            quietly(exchange.finish());
            return new Tried.Served();
        } catch (ProviderException e) {
            if (!e.reachedProvider()) {
                return new Tried.NotSent(Refusal.invalid(null, "unsupported_request", e.getMessage()));
            }
            return failed(attempt, sink, tap.usage(), CallFailure.of(e), e.kind().name(), e.kind().retriable());
        } catch (ClientGone e) {
            recorder.record(attempt, Outcome.CANCELLED, 499, "CLIENT_CLOSED", tap.usage());
            return new Tried.Served();
        } catch (RuntimeException | Error e) {
            log.error("Unexpected failure serving a {} call to {}", attempt.request().endpoint().recordedAs(), attempt.target(), e);
            var tried = failed(attempt, sink, tap.usage(), CallFailure.internal(), "INTERNAL", false);
            if (e instanceof Error error) {
                throw error;
            }
            return tried;
        }
    }

    private Tried failed(Attempt attempt, Sink sink, Usage usage, CallFailure failure, String errorType, boolean retriable) {
        var started = sink.started();
        var status = failure.status(attempt.request().endpoint().dialect());
        recorder.record(attempt, started ? Outcome.PARTIAL : Outcome.ERROR, status, errorType, usage);
        if (!started) {
            return new Tried.Failed(failure, retriable);
        }
        quietly(() -> sink.failMidway(failure));
        return new Tried.Served();
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
