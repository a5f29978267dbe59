package dev.switchboard.gateway;

import dev.switchboard.provider.MessagesStreamListener;

/** Takes an Anthropic Messages event stream, event by event, and its last event ({@code message_stop}). */
public non-sealed interface MessagesStreamSink extends Sink, MessagesStreamListener {

    /** The stream ended well and was recorded: send {@code message_stop} with this data. */
    void stop(String messageStopData);
}
