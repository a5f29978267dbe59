package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.SwitchboardApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A training run as {@code bin/switchboard} starts one: the application on a fresh data directory, 127.0.0.1 only, the
 * providers pointed at the training stand-in ({@link TrainingUpstream}) and the admin key from the settings. Every call
 * of every kind is served (the gateway parses the stand-in's JSON and event streams as a provider's), then the
 * application is closed and the process would exit with 0. (The switch itself stays unset: its listener would end the
 * test JVM; this test calls what the listener calls, with the exit recorded instead.)
 */
class AotTrainingRunTest {

    private static final String KEY = "sk-sb-aot-training-key-0123456789abcdef";

    @Test
    void shouldServeEveryCallThroughTheStandInThenCloseTheApplicationWithZero() throws IOException {
        var upstreamPort = freePort();
        var settings = new HashMap<String, Object>();
        settings.put("switchboard.data-dir", Files.createTempDirectory("switchboard-aot-training").toString());
        settings.put("server.address", "127.0.0.1");
        settings.put("server.port", "0");
        settings.put("management.server.port", "0");
        settings.put("switchboard.admin.api-key", KEY);
        settings.put("OPENAI_BASE_URL", "http://127.0.0.1:" + upstreamPort + "/v1");
        settings.put("OPENAI_API_KEY", "sk-aot-training-openai");
        settings.put("ANTHROPIC_BASE_URL", "http://127.0.0.1:" + upstreamPort);
        settings.put("ANTHROPIC_API_KEY", "sk-ant-aot-training");
        var context = new SpringApplicationBuilder(SwitchboardApplication.class).properties(settings).run();
        var gateway = URI.create("http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port"));
        var exit = new AtomicInteger(-1);

        var result = AotTraining.train(upstreamPort, gateway, KEY, 5);
        AotTraining.finish(context, result, exit::set);

        assertThat(result.unexpected()).isEmpty();
        assertThat(result.served()).hasSize(TrainingDriver.CALLS.size()).allSatisfy((call, served) -> assertThat(served).as(call).isEqualTo(5));
        assertThat(exit.get()).isZero();
        assertThat(context.isActive()).isFalse();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
