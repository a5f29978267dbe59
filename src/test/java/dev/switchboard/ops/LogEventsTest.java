package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import ch.qos.logback.classic.LoggerContext;
import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Log events are counted by level from the events logged, with no turbo filter consulted on every level check. */
class LogEventsTest extends GatewayTestSupport {

    @Test
    void shouldCountTheEventsLoggedByLevel() {
        var before = events(metrics(), "error");

        LoggerFactory.getLogger("dev.switchboard.ops.LogEventsTest").error("counted once");

        assertThat(events(metrics(), "error")).isEqualTo(before + 1);
    }

    @Test
    void shouldLeaveLogbackWithoutATurboFilter() {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();

        assertThat(context.getTurboFilterList()).isEmpty();
    }

    private static double events(String scrape, String level) {
        var line = Pattern.compile("^logback_events_total\\{level=\"" + level + "\"} (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
