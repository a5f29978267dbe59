package dev.switchboard.provider;

/**
 * Receives a stream in Anthropic's Messages dialect, one server-sent event at a time and in order: the event name
 * ({@code message_start}, {@code content_block_delta}, {@code ping}, …) and its JSON data. {@link #onUsage} reports
 * the usage known so far (it may come several times; the last one counts). A listener may throw (the client went
 * away): the stream is then closed and the exception let through.
 */
public interface MessagesStreamListener {

    void onEvent(String event, String data);

    void onUsage(Usage usage);

    /** The upstream has sent nothing more yet: deliver everything received so far (flush) before waiting. */
    void onPause();
}
