package dev.switchboard.budget;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The connection to Redis, when {@code SWITCHBOARD_REDIS_URL} is set: one multiplexed connection (Lettuce pipelines the
 * commands of every thread on it, so calls do not wait for each other's answers; scripts run by their SHA1), commands that fail fast when Redis is unreachable, and this instance's heartbeat key (reservations
 * of an instance whose heartbeat expired are released). Once a command fails, Redis counts as gone for this instance:
 * budgets fall back to the database and the error is logged once. Every {@code switchboard.redis.retry-period}
 * ({@code SWITCHBOARD_REDIS_RETRY_PERIOD}, 30s) a PING asks whether it is back; when it answers, this instance beats
 * again, lets its users re-seed ({@link #onRecovery}) and goes back to Redis, logged once.
 */
@Component
class RedisLink implements DisposableBean {

    static final long HEARTBEAT_MILLIS = 30_000;
    static final int TIMEOUTS_BEFORE_DOWN = 3;
    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);

    private final RedisProperties properties;
    private final String instanceId;
    private final AtomicBoolean down = new AtomicBoolean();
    private final java.util.Set<String> loaded = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger timeouts = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.List<Runnable> recoveries = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile RedisClient client;
    private volatile StatefulRedisConnection<String, String> strings;

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

    /** Connects both connections, or (when Redis cannot be reached) leaves nothing half open. */
    private void connect() {
        var uri = RedisURI.create(properties.url());
        uri.setTimeout(properties.timeout());
        var created = RedisClient.create(uri);
        created.setOptions(ClientOptions.builder().disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(properties.timeout())).build());
        try {
            strings = created.connect();
        } catch (RuntimeException e) {
            created.shutdown();
            throw e;
        }
        client = created;
        beat();
        log.info("Budgets, rate limits and cache invalidation are shared through Redis (prefix '{}')", properties.prefix());
    }

    /** Whether Redis serves this instance. */
    boolean up() {
        return client != null && !down.get();
    }

    /** Whether Redis serves this instance and its connection is open now (Lettuce sees a closed connection at once). */
    boolean connected() {
        var connection = strings;
        return up() && connection != null && connection.isOpen();
    }

    RedisClient client() {
        return client;
    }

    StatefulRedisConnection<String, String> strings() {
        return strings;
    }

    /**
     * Runs a Lua script by its SHA1, so that a call sends only its keys and arguments; the first time (and after a restart
     * made Redis forget it) by its text, which Redis then keeps.
     */
    <T> T run(Script script, ScriptOutputType type, String[] keys, String... args) {
        try {
            return await(strings.async().evalsha(script.sha(), type, keys, args));
        } catch (RedisNoScriptException e) {
            return await(strings.async().eval(script.text(), type, keys, args));
        }
    }

    /**
     * Waits for a command as Lettuce's synchronous API does (the command's timeout, then cancelled; its error thrown as
     * is), without that API's proxy, which looks the asynchronous method up and calls it by reflection on every command.
     */
    private <T> T await(io.lettuce.core.RedisFuture<T> command) {
        return io.lettuce.core.LettuceFutures.awaitOrCancel(command, properties.timeout().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * {@link #run} without waiting for the answer: the command is written at once, so every later command of this
     * instance (one connection, answered in order) sees its effect; the stage tells how it ended. The first time it is
     * sent by its text (which loads it), then by its SHA1; only when Redis forgot it since (a restart, which empties the
     * counters anyway) does it run again by its text, after commands sent meanwhile. Nothing here waits for Redis.
     */
    <T> CompletionStage<T> runLater(Script script, ScriptOutputType type, String[] keys, String... args) {
        var async = strings.async();
        if (!loaded.contains(script.sha())) { // by its text the first time, which loads it too; never a wait here
            return async.<T>eval(script.text(), type, keys, args).thenApply(answer -> {
                loaded.add(script.sha());
                return answer;
            });
        }
        return async.<T>evalsha(script.sha(), type, keys, args).exceptionallyCompose(e -> unwrap(e) instanceof RedisNoScriptException
                ? async.<T>eval(script.text(), type, keys, args) : CompletableFuture.failedFuture(unwrap(e)));
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** A Lua script and its SHA1, by which Redis knows it once it ran. */
    record Script(String text, String sha) {
        static Script of(String text) {
            try {
                return new Script(text, java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Whether Redis is configured at all (it may be down now). */
    boolean configured() {
        return properties.url() != null;
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

    /** Runs when Redis is back, before this instance uses it again (counters re-read the usage log, pub/sub resubscribes). */
    void onRecovery(Runnable recovery) {
        recoveries.add(recovery);
    }

    /**
     * While Redis counts as gone: one PING (a first connection, when it was unreachable at start). When it answers,
     * the heartbeat is written first (reservations are tied to it), then the recoveries run, then Redis serves again.
     */
    @Scheduled(fixedDelayString = "${switchboard.redis.retry-period:30s}", initialDelayString = "${switchboard.redis.retry-period:30s}")
    void probe() {
        if (properties.url() == null || !down.get()) {
            return;
        }
        try {
            if (client == null) {
                connect();
            }
            strings.sync().ping();
            strings.sync().set(instanceKey(instanceId), "1", SetArgs.Builder.px(HEARTBEAT_MILLIS));
            recoveries.forEach(Runnable::run);
        } catch (RuntimeException e) {
            log.debug("Redis still does not answer: {}", e.toString());
            return;
        }
        timeouts.set(0);
        if (down.compareAndSet(true, false)) {
            log.warn("Redis answers again; budgets and rate limits are shared through it again");
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
        if (client != null && strings != null) {
            try {
                strings.close();
            } finally {
                client.shutdown();
            }
        }
    }
}
