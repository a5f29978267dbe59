package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real connect timeout, not a refused connection: the upstream is a listening socket whose accept queue is full, so
 * the kernel drops every further SYN and {@code connect()} hangs until the deployment's {@code connect_timeout_ms}.
 * The attempt is a transient timeout: the request falls back to a healthy model, and the hung attempt has its record.
 */
class ConnectTimeoutTest extends RoutingTestSupport {

    private ServerSocket blackhole;
    private final List<Socket> queued = new ArrayList<>();

    @BeforeEach
    void fillTheAcceptQueue() throws IOException {
        blackhole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()); // never accepts
        for (int i = 0; i < 4; i++) { // backlog 1 holds two established connections; the rest wait for a SYN-ACK
            var socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), blackhole.getLocalPort()), 200);
                queued.add(socket);
            } catch (IOException full) {
                socket.close();
                return; // the queue is full: the next connect hangs too
            }
        }
        throw new IllegalStateException("the accept queue never filled: this kernel answers every SYN");
    }

    @AfterEach
    void restore() throws IOException {
        admin("PUT", "/api/admin/providers/openrouter", "{\"base_url\":null}");
        for (var socket : queued) {
            socket.close();
        }
        blackhole.close();
    }

    @Test
    void shouldGiveUpConnectingAtTheModelsTimeoutAndFallBack() {
        var user = newUser();
        var healthy = model("ct-gpt", "openai", "gpt-4o", "");
        var hanging = model("ct-or", "openrouter", "openai/gpt-4o", "\"max_retries\":0,\"connect_timeout_ms\":300,\"fallbacks\":[\"" + healthy + "\"]");
        var moved = admin("PUT", "/api/admin/providers/openrouter",
                "{\"base_url\":\"http://127.0.0.1:" + blackhole.getLocalPort() + "/api/v1\"}");
        assertThat(moved.statusCode()).isEqualTo(200);

        var response = chat(user, hanging, "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-switchboard-model")).hasValue(healthy);
        assertThat(records(user)).extracting(r -> r.get("provider") + " " + r.get("status") + " " + r.get("http_status"))
                .containsExactly("openrouter error 504", "openai ok 200"); // 504: a timeout, not a refused connection (502)
        assertThat(OPENROUTER.mock().requests()).isEmpty();
        assertThat(metrics())
                .contains("switchboard_routing_fallbacks_total{model=\"" + hanging + "\",reason=\"transient\"} 1.0");
    }
}
