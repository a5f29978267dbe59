package dev.switchboard.gateway;

import java.util.regex.Pattern;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Model;
import dev.switchboard.routing.Fault;
import dev.switchboard.routing.Route;
import dev.switchboard.routing.Routes;
import dev.switchboard.routing.Step;
import org.springframework.stereotype.Component;

/**
 * Where a call for a model may go, in the order to try them: routing plans the {@link Route} (deployments, retries,
 * fallbacks) and this turns its steps into candidates, and the pipeline's failures into routing's {@link Fault}s. A
 * request whose {@code fallbacks} name no usable model, or loop, is refused here, before anything is sent.
 */
@Component
class Candidates {

    /** How OpenAI, Anthropic, Gemini and the OpenAI-compatible servers word a prompt that does not fit the context window. */
    private static final Pattern CONTEXT_WINDOW = Pattern.compile(
            "context[ _]length|context window|prompt is too long|too many tokens|exceeds the maximum number of tokens|maximum context",
            Pattern.CASE_INSENSITIVE);

    private final Catalog catalog;
    private final Routes routes;

    Candidates(Catalog catalog, Routes routes) {
        this.catalog = catalog;
        this.routes = routes;
    }

    Route route(CallRequest request, Model model) {
        var call = new Routes.Call(request.caller(), request.endpoint().modelKind(), model, request.fallbacks());
        return switch (routes.plan(call)) {
            case Routes.Plan.Planned(var route) -> route;
            case Routes.Plan.Refused(var reason, var message) -> throw Refusal.invalid("fallbacks", reason, message);
        };
    }

    Candidate of(Step step) {
        var serving = step.servingModel();
        return new Candidate(serving, catalog.provider(serving.providerId()).orElseThrow(), step);
    }

    /**
     * What a failure before the answer began means for routing: 429 is a rate limit; 5xx, 408, 409, timeouts and broken
     * connections are transient; a refused credential may be another deployment's luck; a context-window refusal wants a
     * larger model; anything else (other 4xx, our own failure) would repeat everywhere.
     */
    static Fault fault(CallFailure failure, boolean retriable, boolean otherKey) {
        if ("rate_limit_exceeded".equals(failure.reason())) {
            return Fault.RATE_LIMITED;
        }
        if (retriable || failure.status() == 408 || failure.status() == 409) {
            return Fault.TRANSIENT;
        }
        if (otherKey) {
            return Fault.CREDENTIAL_REFUSED;
        }
        var rejected = "upstream_rejected".equals(failure.reason()) && (failure.status() == 400 || failure.status() == 413);
        return rejected && failure.message() != null && CONTEXT_WINDOW.matcher(failure.message()).find() ? Fault.CONTEXT_WINDOW : Fault.FINAL;
    }
}
