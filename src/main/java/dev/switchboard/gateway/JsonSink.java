package dev.switchboard.gateway;

/** Takes a whole answer, already in the caller's dialect (a chat completion, a message, embeddings, …) as JSON bytes. */
public non-sealed interface JsonSink extends Sink {

    void answer(byte[] json);

    @Override
    default boolean started() {
        return false;
    }

    @Override
    default void failMidway(CallFailure failure) {
        throw new IllegalStateException("a whole answer cannot fail midway");
    }
}
