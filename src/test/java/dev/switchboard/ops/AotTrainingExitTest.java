package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

/** A training run that did not serve every call as expected ends with 1, so the launcher makes no cache from it. */
class AotTrainingExitTest {

    @Test
    void shouldCloseTheApplicationAndExitWithOneWhenACallWasNotServedAsExpected() {
        var context = new GenericApplicationContext();
        context.refresh();
        var exit = new AtomicInteger(-1);

        AotTraining.finish(context, new TrainingDriver.Result(Map.of("openai chat", 4L), List.of("openai chat: status 502")), exit::set);

        assertThat(exit.get()).isEqualTo(1);
        assertThat(context.isActive()).isFalse();
    }
}
