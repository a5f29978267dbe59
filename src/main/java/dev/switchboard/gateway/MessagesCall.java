package dev.switchboard.gateway;

import dev.switchboard.access.Caller;
import dev.switchboard.provider.WireFormat;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Anthropic Messages call, decided: who asks, its route, the request as the caller wrote it (its {@code model}
 * already the upstream id), the model name the caller used, which answers translated from another dialect carry, and
 * the caller's {@code anthropic-beta} header, which only an Anthropic upstream understands.
 */
record MessagesCall(Caller caller, Route route, ObjectNode request, String requestedModel, boolean stream, String beta,
                    long startedNanos) {

    /** Whether the model's provider speaks Anthropic's Messages API itself: then nothing needs translating. */
    boolean passthrough() {
        return route.provider().wireFormat() == WireFormat.ANTHROPIC;
    }
}
