package dev.switchboard.provider;

/**
 * Receives a streamed chat completion as OpenAI {@code chat.completion.chunk} JSON texts, in order, on the calling
 * thread. {@link #onUsage} may come before or after the last chunk; {@link #onUsageChunk} carries the chunk that
 * exists only to report usage (empty {@code choices}), which a client that did not ask for usage must not see.
 * A listener may throw (the client went away): the adapter then closes the upstream and lets the exception through.
 */
public interface ChatStreamListener {

    void onChunk(String chunkJson);

    void onUsage(Usage usage);

    void onUsageChunk(String chunkJson);

    /** The upstream has sent nothing more yet: deliver everything received so far (flush) before the adapter waits. */
    void onPause();
}
