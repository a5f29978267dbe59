package dev.switchboard.ops;

import java.net.URI;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The training run that {@code bin/switchboard} makes its JDK AOT cache with (JEP 483/514/515). Only when
 * {@code SWITCHBOARD_AOT_TRAINING} is set (to the port of the provider stand-in; never in a normal run): once the
 * application is ready it starts {@link TrainingUpstream} on 127.0.0.1 at that port (the launcher points
 * {@code OPENAI_BASE_URL} and {@code ANTHROPIC_BASE_URL} at it), sends {@code SWITCHBOARD_AOT_TRAINING_ROUNDS} rounds
 * of the main request paths through the gateway's own port with the admin key ({@link TrainingDriver}), and exits:
 * 0 when every call was answered as expected, 1 otherwise (the launcher then starts without a cache). A cache made
 * from a run that only started the application would hold the start-up's classes and profiles; this one holds the
 * request path's too, which is what the first seconds of load need. The switch is read when the application is ready,
 * not as a condition: the build's AOT processing ({@link SpringAot}) evaluates conditions once, without it, and the
 * training run starts from that generated code like every later run.
 */
@Configuration(proxyBeanMethods = false)
class AotTraining {

    private static final Logger log = LoggerFactory.getLogger(AotTraining.class);
    private static final int PARALLEL = 8;

    @Bean
    ApplicationListener<ApplicationReadyEvent> aotTrainingRun(Environment environment) {
        return event -> {
            if (!environment.containsProperty("switchboard.aot-training")) {
                return;
            }
            var gateway = URI.create("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port", Integer.class));
            var result = train(environment.getRequiredProperty("switchboard.aot-training", Integer.class), gateway,
                    environment.getRequiredProperty("switchboard.admin.api-key"),
                    environment.getProperty("switchboard.aot-training-rounds", Integer.class, 1000));
            finish(event.getApplicationContext(), result, System::exit);
        };
    }

    /** Starts the stand-in on {@code upstreamPort}, drives {@code rounds} rounds of calls through {@code gateway}, stops it. */
    static TrainingDriver.Result train(int upstreamPort, URI gateway, String key, int rounds) {
        log.info("AOT training: {} rounds of {} calls through {}", rounds, TrainingDriver.CALLS.size(), gateway);
        try (var upstream = TrainingUpstream.start(upstreamPort)) {
            var result = new TrainingDriver(gateway, key).drive(rounds, PARALLEL);
            log.info("AOT training: served {}{}", result.served(), result.ok() ? "" : "; unexpected: " + result.unexpected());
            return result;
        }
    }

    /** Closes the application and ends the process ({@code halt}), with 0 only if the run served every call as expected. */
    static void finish(ApplicationContext context, TrainingDriver.Result result, IntConsumer halt) {
        halt.accept(SpringApplication.exit(context, () -> result.ok() ? 0 : 1));
    }
}
