package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The AOT training run is off unless {@code SWITCHBOARD_AOT_TRAINING} is set (this context, like a normal run, does not
 * set it: its listener, handed the ready event, does nothing); its driver, pointed at a gateway, serves every call of every kind through the real port.
 */
class AotTrainingOffTest extends GatewayTestSupport {

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    @SuppressWarnings("unchecked")
    void shouldNotTrainInANormalRun() {
        assertThat(context.getEnvironment().getProperty("switchboard.aot-training")).isNull();
        var ready = new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO);

        // a training run would read its port (unset here: it would throw) and end the process
        ((ApplicationListener<ApplicationReadyEvent>) context.getBean("aotTrainingRun")).onApplicationEvent(ready);

        assertThat(context.isActive()).isTrue();
    }

    @Test
    void shouldServeEveryCallOfTheDriverThroughTheGatewayToTheProviders() {
        var result = new TrainingDriver(URI.create(url("/")), ADMIN_API_KEY).drive(3, 4);

        assertThat(result.unexpected()).isEmpty();
        assertThat(result.served()).hasSize(TrainingDriver.CALLS.size()).allSatisfy((call, served) -> assertThat(served).as(call).isEqualTo(3));
        // the served calls reached each provider: OpenAI for gpt-4o-mini, Anthropic for claude-haiku-4-5 (both ways translated)
        assertThat(OPENAI.mock().requests()).hasSize(3 * 3);
        assertThat(ANTHROPIC.mock().requests()).hasSize(3 * 3);
    }
}
