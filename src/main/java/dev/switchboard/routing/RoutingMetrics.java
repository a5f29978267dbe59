package dev.switchboard.routing;

import java.util.Locale;

import dev.switchboard.catalog.Model;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * How often routes take a retry or a fallback, and why: {@code switchboard_routing_retries_total} and
 * {@code switchboard_routing_fallbacks_total}, labelled with the catalog name of the model that was retried or given
 * up and the reason (the last failure's kind, in lower case: {@code rate_limited}, {@code transient} or
 * {@code context_window}; for a fallback without one, {@code unavailable}: no deployment of the model was left to
 * try, all cooling down or refused). Never a caller or a key in a
 * label: a provider's bad minute is visible without telling whose calls it hit.
 */
@Component
class RoutingMetrics {

    private final MeterRegistry registry;

    RoutingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A retry of the model after a failure of this kind. */
    void retried(Model model, Fault fault) {
        count("switchboard.routing.retries", "Retries routes took after a failure", model, reason(fault));
    }

    /** The call left the model for its next fallback, for this reason. */
    void fellBack(Model model, String reason) {
        count("switchboard.routing.fallbacks", "Times a call left a model for its next fallback", model, reason);
    }

    static String reason(Fault fault) {
        return fault.name().toLowerCase(Locale.ROOT);
    }

    private void count(String name, String description, Model model, String reason) {
        Counter.builder(name).description(description).tags("model", model.name(), "reason", reason).register(registry).increment();
    }
}
