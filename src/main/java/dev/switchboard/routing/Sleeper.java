package dev.switchboard.routing;

import java.time.Duration;

/** Waits between two attempts; a bean, so that tests replace it and never sleep for real. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = duration -> Thread.sleep(duration);
}
