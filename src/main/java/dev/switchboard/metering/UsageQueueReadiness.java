package dev.switchboard.metering;

import dev.switchboard.ops.ReadinessCheck;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The usage log keeps up: fewer than {@code SWITCHBOARD_USAGE_READY_MAX_QUEUED} records wait for their commit (half of
 * {@code SWITCHBOARD_USAGE_MAX_QUEUED} unless set). A queue that backs up (a slow or locked database) is one that, once
 * full, makes requests wait and then loses records: the instance asks for no more traffic well before that.
 */
@Component
class UsageQueueReadiness implements ReadinessCheck {

    private final UsageLog log;
    private final int limit;

    UsageQueueReadiness(UsageLog log, UsageProperties properties, @Value("${switchboard.usage.ready-max-queued:0}") int readyMaxQueued) {
        this.log = log;
        this.limit = readyMaxQueued > 0 ? readyMaxQueued : Math.max(1, properties.maxQueued() / 2);
    }

    @Override
    public String name() {
        return "usage_queue";
    }

    @Override
    public Result check() {
        var queued = log.queued();
        var detail = queued + " records waiting to be committed (not ready from " + limit + ")";
        return queued < limit ? Result.up(detail) : Result.down(detail);
    }
}
