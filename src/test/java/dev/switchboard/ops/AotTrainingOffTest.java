package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The AOT training run is off unless {@code SWITCHBOARD_AOT_TRAINING} is set (this context, like a normal run, does not
 * set it); its driver, pointed at a gateway, serves every call of every kind through the real port.
 */
class AotTrainingOffTest extends GatewayTestSupport {

    @Autowired
    ApplicationContext context;

    @Test
    void shouldNotTrainInANormalRun() {
        assertThat(context.getBeanNamesForType(AotTraining.class)).isEmpty();
        assertThat(context.containsBean("aotTrainingRun")).isFalse();
        assertThat(context.getEnvironment().getProperty("switchboard.aot-training")).isNull();
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
