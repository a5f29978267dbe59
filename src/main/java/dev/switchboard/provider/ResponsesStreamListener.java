package dev.switchboard.provider;

/**
 * Receives a stream in OpenAI's Responses dialect, one server-sent event at a time and in order: the event's type
 * ({@code response.created}, {@code response.output_text.delta}, …) and its JSON data, which carries the same
 * {@code type} and a {@code sequence_number} counting from 0. {@link #onUsage} reports the usage once known. A listener
 * may throw (the client went away): the stream is then closed and the exception let through.
 */
public interface ResponsesStreamListener {

    void onEvent(String event, String data);

    void onUsage(Usage usage);

    /** The upstream has sent nothing more yet: deliver everything received so far (flush) before waiting. */
    void onPause();
}
