package dev.switchboard.budget;

import dev.switchboard.ops.ReadinessCheck;
import org.springframework.stereotype.Component;

/**
 * Redis answers a PING, when {@code SWITCHBOARD_REDIS_URL} is set: without it this instance enforces budgets and rate
 * limits through the database alone, apart from the other instances' counters in Redis.
 */
@Component
class RedisReadiness implements ReadinessCheck {

    private final RedisProperties properties;
    private final RedisLink link;

    RedisReadiness(RedisProperties properties, RedisLink link) {
        this.properties = properties;
        this.link = link;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public boolean applies() {
        return properties.url() != null;
    }

    @Override
    public Result check() {
        var connection = link.strings();
        if (connection == null) {
            return Result.down("not connected (tried again every " + properties.retryPeriod().toSeconds() + "s)");
        }
        try {
            connection.sync().ping();
            return Result.up(link.up() ? "answers" : "answers; budgets go back to it at the next retry");
        } catch (RuntimeException e) {
            return Result.down("does not answer: " + e.getClass().getSimpleName());
        }
    }
}
