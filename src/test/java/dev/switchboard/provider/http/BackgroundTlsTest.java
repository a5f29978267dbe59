package dev.switchboard.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLException;

import org.apache.hc.core5.http.protocol.BasicHttpContext;
import org.junit.jupiter.api.Test;

/** The upstream's TLS, made in the background: a connection's upgrade sends a TLS ClientHello naming the host (SNI). */
class BackgroundTlsTest {

    @Test
    void shouldHandShakeWithTheTargetsNameAndFailWhenThePeerIsNoTlsServer() throws Exception {
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var hello = CompletableFuture.supplyAsync(() -> {
                try (var peer = server.accept()) {
                    var bytes = peer.getInputStream().readNBytes(5);
                    var length = ((bytes[3] & 0xff) << 8) | (bytes[4] & 0xff);
                    var record = peer.getInputStream().readNBytes(length);
                    return new byte[][] {bytes, record};
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            var socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());

            assertThatThrownBy(() -> new BackgroundTls().upgrade(socket, "api.openai.com", 443, null, new BasicHttpContext()))
                    .isInstanceOf(SSLException.class);
            var received = hello.join();
            assertThat(received[0][0]).as("a TLS handshake record").isEqualTo((byte) 0x16);
            assertThat(received[1][0]).as("a ClientHello").isEqualTo((byte) 0x01);
            assertThat(new String(received[1], StandardCharsets.ISO_8859_1)).contains("api.openai.com");
        }
    }
}
