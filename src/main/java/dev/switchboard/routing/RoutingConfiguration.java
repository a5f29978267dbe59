package dev.switchboard.routing;

import java.util.random.RandomGenerator;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The waits and the randomness of routing, as beans that tests replace (a recording sleeper, a seeded random). */
@Configuration
@EnableConfigurationProperties(RoutingProperties.class)
class RoutingConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Sleeper routingSleeper() {
        return Sleeper.REAL;
    }

    /** Weighted choice and backoff jitter; a thread-safe generator, so concurrent calls share it. */
    @Bean
    @ConditionalOnMissingBean
    RoutingRandom routingRandom() {
        return new RoutingRandom(RandomGenerator.of("L64X128MixRandom"));
    }
}
