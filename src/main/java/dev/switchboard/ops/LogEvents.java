package dev.switchboard.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.AppenderBase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * {@code logback_events_total{level}}, the count of log events by level (an alert on errors logged), as Micrometer's
 * {@code LogbackMetrics} names it, but counted by an appender on the root logger: it sees only the events that are
 * logged. Micrometer's binder is a turbo filter, which logback consults on every {@code isDebugEnabled()} and
 * {@code isTraceEnabled()} check of every library on a call's path (a JDBC parameter, an HTTP exchange, a filter):
 * about a thirtieth of the gateway's CPU per request. Replaces it ({@code spring.autoconfigure.exclude} in
 * application.yml).
 */
@Component
class LogEvents implements MeterBinder, DisposableBean {

    private static final String NAME = "logback.events";

    private final Counting appender = new Counting();

    @Override
    public void bindTo(MeterRegistry registry) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (var level : new Level[] {Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE}) {
            appender.counters.put(level.toInteger(), Counter.builder(NAME).tag("level", level.levelStr.toLowerCase())
                    .description("Number of " + level.levelStr.toLowerCase() + " level events that made it to the logs").register(registry));
        }
        appender.setContext(context);
        appender.setName("switchboard-log-events");
        attach(context);
        context.addListener(reattach);
    }

    /** Logging is configured again (another application context in this JVM, a reload): reset detached and stopped the appender. */
    private final LoggerContextListener reattach = new LoggerContextListener() {
        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onReset(LoggerContext context) {
            attach(context);
        }

        @Override
        public void onStart(LoggerContext context) {
        }

        @Override
        public void onStop(LoggerContext context) {
        }

        @Override
        public void onLevelChange(ch.qos.logback.classic.Logger logger, Level level) {
        }
    };

    private void attach(LoggerContext context) {
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender); // once: the root keeps a set
    }

    @Override
    public void destroy() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.removeListener(reattach);
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        }
        appender.stop();
    }

    private static final class Counting extends AppenderBase<ILoggingEvent> {
        private final Map<Integer, Counter> counters = new ConcurrentHashMap<>();

        @Override
        protected void append(ILoggingEvent event) {
            var counter = counters.get(event.getLevel().toInteger());
            if (counter != null) {
                counter.increment();
            }
        }
    }
}
