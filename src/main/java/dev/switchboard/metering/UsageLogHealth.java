package dev.switchboard.metering;

import java.util.Optional;

import dev.switchboard.ops.Degradation;
import org.springframework.stereotype.Component;

/** The usage log is degraded while its commits fail: calls are served and their records wait in memory. */
@Component
class UsageLogHealth implements Degradation {

    private final UsageLog log;

    UsageLogHealth(UsageLog log) {
        this.log = log;
    }

    @Override
    public Optional<String> degraded() {
        return log.failing() ? Optional.of("usage log: the database is failing, " + log.queued() + " records queued in memory") : Optional.empty();
    }
}
