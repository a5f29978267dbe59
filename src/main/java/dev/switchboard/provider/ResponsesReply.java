package dev.switchboard.provider;

/**
 * A whole answer in the Responses dialect (a {@code response} object as JSON bytes) and its usage; or, for a stream,
 * its terminal event ({@code response.completed} or {@code response.incomplete}: {@code body} is that event's data).
 */
public record ResponsesReply(String event, byte[] body, Usage usage) {
}
