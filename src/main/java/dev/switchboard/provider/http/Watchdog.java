package dev.switchboard.provider.http;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpPost;

/**
 * Cancels an upstream exchange that waits too long for one thing (its first byte, the next chunk of a stream): armed
 * before the wait, disarmed after it; when it fires, the blocked read fails and {@link #fired()} says why. One shared
 * timer thread for every exchange; arming costs a scheduled task, not a thread.
 */
final class Watchdog {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final HttpPost post;
    private volatile boolean fired;
    private ScheduledFuture<?> task;

    Watchdog(HttpPost post) {
        this.post = post;
    }

    /** Fires after {@code limit} unless disarmed first; a null limit arms nothing. */
    void arm(Duration limit) {
        if (limit != null) {
            task = TIMER.schedule(() -> {
                fired = true;
                post.cancel();
            }, limit.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    void disarm() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    boolean fired() {
        return fired;
    }

    private static ScheduledThreadPoolExecutor timer() {
        var timer = new ScheduledThreadPoolExecutor(1, Executors.defaultThreadFactory());
        timer.setRemoveOnCancelPolicy(true);
        timer.setThreadFactory(r -> {
            var thread = new Thread(r, "upstream-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        return timer;
    }
}
