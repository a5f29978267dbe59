package dev.switchboard.gateway;

import java.util.concurrent.TimeUnit;

import dev.switchboard.gateway.CallRequest.Billing;
import dev.switchboard.metering.Costs;
import dev.switchboard.metering.Outcome;
import dev.switchboard.metering.UsageLog;
import dev.switchboard.metering.UsageRecord;
import dev.switchboard.money.BillingCalendar;
import dev.switchboard.money.Money;
import dev.switchboard.provider.Usage;
import org.springframework.stereotype.Component;

/**
 * Writes the one usage record of an attempt that reached a provider and waits until it is durable; the only place a
 * {@link UsageRecord} is built. Its cost follows the call's {@link Billing}: tokens at the model's prices (a broken or
 * left stream pays for what it reported), images only when they were delivered, counting tokens never.
 */
@Component
class CallRecorder {

    private final UsageLog usageLog;
    private final ImagePricing imagePricing;
    private final BillingCalendar calendar;

    CallRecorder(UsageLog usageLog, ImagePricing imagePricing, BillingCalendar calendar) {
        this.usageLog = usageLog;
        this.imagePricing = imagePricing;
        this.calendar = calendar;
    }

    /** Records the attempt, tells the sink, and answers what it cost. */
    Money record(Attempt attempt, Sink sink, Outcome outcome, int httpStatus, String errorType, Usage usage) {
        var request = attempt.request();
        var caller = request.caller();
        var model = attempt.candidate().model();
        var latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - request.startedNanos());
        var cost = cost(attempt, outcome, usage);
        var id = UsageRecord.newId();
        usageLog.recordAndWait(new UsageRecord(id, calendar.now().toEpochMilli(),
                new UsageRecord.Call(request.requestId(), request.endpoint().recordedAs(), request.stream(), caller.userId(),
                        caller.gatewayKeyId(), caller.clientId()),
                new UsageRecord.ServedBy(attempt.candidate().provider().id(), model.name(), model.upstreamModel(),
                        attempt.credential().kind().label(), attempt.credential().id()),
                new UsageRecord.Result(outcome, httpStatus, errorType, usage, cost, latency, attempt.reservation().creditsFor(cost)),
                request.template() == null ? null : new UsageRecord.Template(request.template().templateId(), request.template().version())));
        sink.recorded(new Metered(id, model.name(), usage.inputTokens(), usage.outputTokens(), cost, outcome == Outcome.OK));
        return cost;
    }

    private Money cost(Attempt attempt, Outcome outcome, Usage usage) {
        var model = attempt.candidate().model();
        return switch (attempt.request().billing()) {
            case Billing.Tokens tokens -> Costs.of(model.price(), usage);
            case Billing.Free free -> Money.ZERO;
            case Billing.Images images -> outcome == Outcome.OK ? Costs.ofImages(imagePricing.price(model, images), images.n()) : Money.ZERO;
        };
    }
}
