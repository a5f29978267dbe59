package dev.switchboard.provider.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import javax.net.ssl.SSLSocket;

import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * HttpClient's default TLS strategy (the JDK's default {@code SSLContext}, certificates and host names verified), made
 * on a virtual thread beside start-up rather than in it: its trust store parsed and its random source seeded were about
 * 0.13 s of the start's main thread (bench/RESULTS.md, issue 16). The first TLS connection waits for it if it is not
 * ready yet; a failure to make it fails each TLS connection with that cause.
 */
final class BackgroundTls implements TlsSocketStrategy {

    private final FutureTask<TlsSocketStrategy> strategy = new FutureTask<>(DefaultClientTlsStrategy::createDefault);

    BackgroundTls() {
        Thread.ofVirtual().name("tls-context").start(strategy);
    }

    @Override
    public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context) throws IOException {
        return ready().upgrade(socket, target, port, attachment, context);
    }

    private TlsSocketStrategy ready() throws IOException {
        try {
            return strategy.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the TLS context was made");
        } catch (ExecutionException e) {
            throw new IOException("cannot make the TLS context", e.getCause());
        }
    }
}
