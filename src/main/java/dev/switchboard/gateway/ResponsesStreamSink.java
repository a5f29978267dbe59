package dev.switchboard.gateway;

import dev.switchboard.provider.ResponsesReply;
import dev.switchboard.provider.ResponsesStreamListener;

/** Takes a Responses event stream, event by event, and its terminal event ({@code response.completed} or {@code .incomplete}). */
public non-sealed interface ResponsesStreamSink extends Sink, ResponsesStreamListener {

    /** The stream ended well and was recorded: send its terminal event. */
    void complete(ResponsesReply terminal);
}
