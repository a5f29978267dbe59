package dev.switchboard.budget;

import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The connection to Redis, when {@code SWITCHBOARD_REDIS_URL} is set: one multiplexed connection for strings, one for
 * Bucket4j's bytes, commands that fail fast when Redis is unreachable, and this instance's heartbeat key (reservations
 * of an instance whose heartbeat expired are released). Once a command fails, Redis counts as gone for this instance
 * until it restarts: budgets fall back to the database and the error is logged once.
 */
@Component
class RedisLink implements DisposableBean {

    static final long HEARTBEAT_MILLIS = 30_000;
    static final int TIMEOUTS_BEFORE_DOWN = 3;
    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);

    private final RedisProperties properties;
    private final String instanceId;
    private final AtomicBoolean down = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicInteger timeouts = new java.util.concurrent.atomic.AtomicInteger();
    private RedisClient client;
    private StatefulRedisConnection<String, String> strings;
    private StatefulRedisConnection<byte[], byte[]> bytes;

    RedisLink(RedisProperties properties, Instances instances) {
        this.properties = properties;
        this.instanceId = instances.id();
        if (properties.url() != null) {
            try {
                connect();
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    private void connect() {
        var uri = RedisURI.create(properties.url());
        uri.setTimeout(properties.timeout());
        client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder().disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(properties.timeout())).build());
        strings = client.connect();
        bytes = client.connect(ByteArrayCodec.INSTANCE);
        beat();
        log.info("Budgets, rate limits and cache invalidation are shared through Redis (prefix '{}')", properties.prefix());
    }

    /** Whether Redis serves this instance. */
    boolean up() {
        return client != null && !down.get();
    }

    RedisClient client() {
        return client;
    }

    StatefulRedisConnection<String, String> strings() {
        return strings;
    }

    StatefulRedisConnection<byte[], byte[]> bytes() {
        return bytes;
    }

    String key(String name) {
        return properties.prefix() + name;
    }

    String instanceKey(String id) {
        return key("instance:" + id);
    }

    String instanceId() {
        return instanceId;
    }

    /**
     * A command failed. Unreachable (or {@link #TIMEOUTS_BEFORE_DOWN} timeouts in a row): from now on this instance
     * enforces through the database, logged once. A single slow answer only sends that one call to the database.
     */
    void failed(RuntimeException e) {
        if (e instanceof RedisCommandTimeoutException && timeouts.incrementAndGet() < TIMEOUTS_BEFORE_DOWN) {
            log.warn("A Redis command timed out ({}); this call is enforced through the database", e.toString());
            return;
        }
        if (down.compareAndSet(false, true)) {
            log.error("Redis failed ({}); budgets and rate limits are enforced through the database from now on", e.toString());
        }
    }

    /** A command answered: timeouts are counted in a row. */
    void answered() {
        if (timeouts.get() != 0) {
            timeouts.set(0);
        }
    }

    @Scheduled(fixedDelay = 5_000, initialDelay = 5_000)
    void beat() {
        if (!up()) {
            return;
        }
        try {
            strings.sync().set(instanceKey(instanceId), "1", SetArgs.Builder.px(HEARTBEAT_MILLIS));
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void destroy() {
        if (client != null) {
            try {
                strings.close();
                bytes.close();
            } finally {
                client.shutdown();
            }
        }
    }
}
