package dev.switchboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Forwards a local port to another (Redis, PostgreSQL), until {@link #close()} cuts every connection: a service that goes
 * away. {@link #cut()} does the same but keeps the port, closing each new connection at once, until {@link #restore()}:
 * a service that goes away and comes back where it was.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    public TcpProxy(int targetPort) {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().start(() -> accept(targetPort));
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept(int targetPort) {
        while (!server.isClosed()) {
            try {
                var client = server.accept();
                if (cut) {
                    client.close();
                    continue;
                }
                var target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.addAll(List.of(client, target));
                if (cut) { // cut while this one was connecting
                    closeConnections();
                    continue;
                }
                Thread.ofVirtual().start(() -> pump(client, target));
                Thread.ofVirtual().start(() -> pump(target, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // one side closed
        }
    }

    /** Cuts every connection and refuses new ones (accepted, then closed at once) until {@link #restore()}. */
    public void cut() {
        cut = true;
        closeConnections();
    }

    /** Forwards new connections again. */
    public void restore() {
        cut = false;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        closeConnections();
    }

    private void closeConnections() {
        for (var socket : sockets) {
            sockets.remove(socket);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
