package dev.switchboard.gateway;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.switchboard.metering.Costs;
import dev.switchboard.metering.UsageLog;
import dev.switchboard.metering.UsageRecord;
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
        var latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - call.startedNanos());
        var caller = call.caller();
        usageLog.recordAndWait(new UsageRecord(UUID.randomUUID().toString(), System.currentTimeMillis(), endpoint,
                caller.userId(), caller.gatewayKeyId(), call.provider().id(), call.model().name(), call.model().upstreamModel(),
                call.credential().kind().label(), call.credential().id(), status, httpStatus, call.stream(), usage,
                Costs.of(call.model().price(), usage), latency, errorType));
    }
}
