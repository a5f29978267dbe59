package dev.switchboard.gateway;

import dev.switchboard.provider.ChatStreamListener;

/** Takes an OpenAI chat completion stream, chunk by chunk, and its end ({@code [DONE]}). */
public non-sealed interface ChatStreamSink extends Sink, ChatStreamListener {

    /** The stream ended well and was recorded. */
    void done();
}
