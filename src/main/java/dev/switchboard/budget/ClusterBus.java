package dev.switchboard.budget;

import dev.switchboard.access.Invalidation;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Carries {@link Invalidation}s between instances over Redis pub/sub: a change made here is published once its
 * transaction committed (so that no instance re-reads what is not committed yet), and each message from the channel is
 * published here as a {@code remote} invalidation, which the caches of access, catalog and budget apply at once.
 * Without Redis, other instances see changes within their caches' periods.
 */
@Component
class ClusterBus implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ClusterBus.class);

    private final RedisLink redis;
    private final ApplicationEventPublisher events;
    private final String channel;
    private StatefulRedisPubSubConnection<String, String> subscription;

    ClusterBus(RedisLink redis, ApplicationEventPublisher events) {
        this.redis = redis;
        this.events = events;
        this.channel = redis.key("invalidations");
        if (redis.up()) {
            subscribe();
        }
    }

    private void subscribe() {
        try {
            subscription = redis.client().connectPubSub();
            subscription.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String message) {
                    Thread.ofVirtual().start(() -> received(message)); // off Lettuce's event loop: listeners may read the database
                }
            });
            subscription.sync().subscribe(channel);
        } catch (RuntimeException e) {
            redis.failed(e);
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(Invalidation invalidation) {
        if (invalidation.remote() || !redis.up()) {
            return;
        }
        try {
            redis.strings().sync().publish(channel, redis.instanceId() + "|" + invalidation.scope() + "|" + invalidation.id());
        } catch (RuntimeException e) {
            redis.failed(e);
        }
    }

    private void received(String message) {
        var parts = message.split("\\|", 3);
        if (parts.length != 3 || parts[0].equals(redis.instanceId())) {
            return;
        }
        try {
            events.publishEvent(new Invalidation(Invalidation.Scope.valueOf(parts[1]), parts[2], true));
        } catch (RuntimeException e) {
            log.warn("Could not apply the invalidation '{}' from another instance: {}", message, e.toString());
        }
    }

    @Override
    public void destroy() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
