package dev.switchboard.metering;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Prometheus metrics from the usage log, one update per usage record: requests by endpoint, provider, model, status and
 * credential kind; tokens in and out; cost; latency. Labels name catalog entries only, never a caller or a secret.
 * (The usage log stays the source of truth for money; these are for dashboards and alerts.)
 */
@Component
class UsageMetrics {

    private final MeterRegistry registry;
    /** The meters of each label combination, looked up once: building and registering five meters per call cost more than the call's metering. */
    private final Map<Labels, Meters> meters = new ConcurrentHashMap<>();

    UsageMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(UsageRecord record) {
        var served = record.servedBy();
        var result = record.result();
        var labels = new Labels(record.call().endpoint(), served.providerId(), served.model(), result.outcome().wire(), served.credentialKind());
        var m = meters.computeIfAbsent(labels, this::register);
        m.requests().increment();
        m.inputTokens().increment(result.usage().inputTokens());
        m.outputTokens().increment(result.usage().outputTokens());
        m.cost().increment(result.cost().nanoUsd() / 1e9); // a dashboard figure: no BigDecimal per call
        m.duration().record(result.latencyMillis(), TimeUnit.MILLISECONDS);
    }

    private Meters register(Labels l) {
        return new Meters(
                Counter.builder("switchboard.requests").description("Calls that reached a provider")
                        .tags("endpoint", l.endpoint(), "provider", l.providerId(), "model", l.model(), "status", l.status(),
                                "credential", l.credentialKind())
                        .register(registry),
                tokens(l, "input"), tokens(l, "output"),
                Counter.builder("switchboard.cost.usd").description("What the calls cost, at the providers' prices")
                        .tags("provider", l.providerId(), "model", l.model())
                        .register(registry),
                Timer.builder("switchboard.request.duration").description("From the gateway receiving a call to its end")
                        .tags("endpoint", l.endpoint(), "provider", l.providerId(), "status", l.status())
                        .register(registry));
    }

    private Counter tokens(Labels l, String direction) {
        return Counter.builder("switchboard.tokens").description("Tokens as the providers reported them")
                .tags("provider", l.providerId(), "model", l.model(), "direction", direction)
                .register(registry);
    }

    /** The labelled parts of a record: catalog entries and outcomes, never a caller or a secret. */
    private record Labels(String endpoint, String providerId, String model, String status, String credentialKind) {
    }

    private record Meters(Counter requests, Counter inputTokens, Counter outputTokens, Counter cost, Timer duration) {
    }
}
