package dev.switchboard.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The client closed the connection while its answer was being written: the call is recorded as cancelled. */
public final class ClientGone extends UncheckedIOException {

    public ClientGone(IOException cause) {
        super("the client closed the connection", cause);
    }
}
