package dev.switchboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Forwards a local port to another (Redis, say): {@link #cut()} (or {@link #close()}) cuts every connection and stops
 * listening, a service that goes away; {@link #restore()} listens on the same port again, the service coming back.
 */
public final class TcpProxy implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    public TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        this.server = listen(0);
        this.port = server.getLocalPort();
        start(server);
    }

    public int port() {
        return port;
    }

    /** Listens again on the same port after {@link #cut()}; does nothing while listening. */
    public synchronized void restore() {
        if (server.isClosed()) {
            server = listen(port);
            start(server);
        }
    }

    private static ServerSocket listen(int port) {
        try {
            var socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void start(ServerSocket listening) {
        Thread.ofVirtual().start(() -> accept(listening));
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                var client = listening.accept();
                var target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.addAll(List.of(client, target));
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

    /** Stops listening and cuts every connection made so far. */
    public synchronized void cut() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (var socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        sockets.clear();
    }

    @Override
    public void close() {
        cut();
    }
}
