package dev.switchboard.gateway;

/**
 * Where a call's answer goes, in the caller's dialect: a whole JSON answer ({@link JsonSink}), an OpenAI chat stream
 * ({@link ChatStreamSink}) an Anthropic event stream ({@link MessagesStreamSink}) or a Responses event stream ({@link ResponsesStreamSink}). The pipeline writes to it only
 * after the call was recorded where the answer ends, so a client that saw the end has its usage on disk. A sink whose
 * client has gone throws {@link ClientGone}.
 */
public sealed interface Sink permits JsonSink, ChatStreamSink, MessagesStreamSink, ResponsesStreamSink {

    /** Whether any byte reached the client: after that, a failure cannot be retried elsewhere or answered as an error status. */
    boolean started();

    /**
     * The next attempt is made by {@code model} (its name as the catalog knows it), as the call's {@code attempt}-th try:
     * an answer that can still set headers says so ({@code x-switchboard-model}, {@code x-switchboard-attempts}).
     */
    default void servedBy(String model, int attempt) {
    }

    /** The call failed after {@link #started()}: end the answer with an error in the dialect (an error event). */
    void failMidway(CallFailure failure);

    /** An attempt was recorded (before the answer's last write): for sinks that keep answers with their usage. */
    default void recorded(Metered metered) {
    }
}
