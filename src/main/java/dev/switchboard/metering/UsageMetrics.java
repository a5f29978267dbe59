package dev.switchboard.metering;

import java.util.concurrent.TimeUnit;

import dev.switchboard.money.Money;
import dev.switchboard.provider.Usage;
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

    UsageMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(UsageRecord record) {
        var r = Row.of(record);
        Counter.builder("switchboard.requests").description("Calls that reached a provider")
                .tags("endpoint", r.endpoint(), "provider", r.providerId(), "model", r.model(), "status", r.status(),
                        "credential", r.credentialKind())
                .register(registry).increment();
        tokens(r, "input", r.usage().inputTokens());
        tokens(r, "output", r.usage().outputTokens());
        Counter.builder("switchboard.cost.usd").description("What the calls cost, at the providers' prices")
                .tags("provider", r.providerId(), "model", r.model())
                .register(registry).increment(r.cost().toUsd().doubleValue());
        Timer.builder("switchboard.request.duration").description("From the gateway receiving a call to its end")
                .tags("endpoint", r.endpoint(), "provider", r.providerId(), "status", r.status())
                .register(registry).record(r.latencyMillis(), TimeUnit.MILLISECONDS);
    }

    private void tokens(Row r, String direction, long count) {
        Counter.builder("switchboard.tokens").description("Tokens as the providers reported them")
                .tags("provider", r.providerId(), "model", r.model(), "direction", direction)
                .register(registry).increment(count);
    }

    /** The labelled parts of a record: never a caller or a secret. */
    private record Row(String endpoint, String providerId, String model, String status, String credentialKind, Usage usage,
                       Money cost, long latencyMillis) {
        static Row of(UsageRecord r) {
            var served = r.servedBy();
            var result = r.result();
            return new Row(r.call().endpoint(), served.providerId(), served.model(), result.outcome().wire(),
                    served.credentialKind(), result.usage(), result.cost(), result.latencyMillis());
        }
    }
}
