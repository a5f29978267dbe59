package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import ch.qos.logback.classic.LoggerContext;
import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.slf4j.LoggerFactory;

/**
 * Log events are counted by level from the events logged, with no turbo filter consulted on every level check. Its own
 * application context: each context that starts in a JVM configures logging again, and a test JVM starts many, so
 * the counting appender of a context made earlier may be detached by a later one (a process runs one, made after
 * logging is configured).
 */
@TestPropertySource(properties = "switchboard.test.context=log-events")
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
