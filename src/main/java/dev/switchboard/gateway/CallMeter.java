package dev.switchboard.gateway;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.switchboard.access.Caller;
import dev.switchboard.metering.Costs;
import dev.switchboard.metering.UsageLog;
import dev.switchboard.metering.UsageRecord;
import dev.switchboard.money.Money;
import dev.switchboard.provider.Usage;
import org.springframework.stereotype.Component;

/** Writes the one usage record of a call that reached its provider, and waits until it is durable. */
@Component
class CallMeter {

    private final UsageLog usageLog;

    CallMeter(UsageLog usageLog) {
        this.usageLog = usageLog;
    }

    void record(ChatCall call, String endpoint, String status, int httpStatus, Usage usage, String errorType) {
        record(call.caller(), call.route(), call.stream(), call.startedNanos(), endpoint, status, httpStatus, usage, errorType);
    }

    /** The same for a call of any dialect: who asked, where it went, whether it streamed, when it began. */
    void record(Caller caller, Route route, boolean stream, long startedNanos, String endpoint, String status, int httpStatus,
                Usage usage, String errorType) {
        write(caller, route, endpoint, stream, startedNanos, status, httpStatus, usage, Costs.of(route.model().price(), usage), errorType);
    }

    /** The record of a call that is not a chat call (embeddings, images): its cost is computed by the caller, in Costs. */
    void record(Caller caller, Route route, String endpoint, long startedNanos, String status, int httpStatus, Usage usage,
                Money cost, String errorType) {
        write(caller, route, endpoint, false, startedNanos, status, httpStatus, usage, cost, errorType);
    }

    private void write(Caller caller, Route route, String endpoint, boolean stream, long startedNanos, String status, int httpStatus,
                       Usage usage, Money cost, String errorType) {
        var latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        var model = route.model();
        usageLog.recordAndWait(new UsageRecord(UUID.randomUUID().toString(), System.currentTimeMillis(), endpoint,
                caller.userId(), caller.gatewayKeyId(), route.provider().id(), model.name(), model.upstreamModel(),
                route.credential().kind().label(), route.credential().id(), status, httpStatus, stream, usage, cost, latency, errorType));
    }
}
