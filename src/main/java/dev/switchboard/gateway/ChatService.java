package dev.switchboard.gateway;

import dev.switchboard.provider.ChatAdapters;
import dev.switchboard.provider.ProviderException;
import dev.switchboard.provider.Usage;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves a decided chat call through its provider's adapter and meters it: every call that reached the upstream is
 * recorded (ok, error, cancelled or partial) before the client sees the end of its response.
 */
@Service
class ChatService {

    static final String ENDPOINT = "chat.completions";
    /** The error type recorded for a failure of our own (a bug, or an answer no adapter check foresaw). */
    static final String INTERNAL = "INTERNAL";
    private static final Logger log = LoggerFactory.getLogger(ChatService.class);

    private final ChatAdapters adapters;
    private final CallMeter meter;
    private final OpenAiErrors errors;

    ChatService(ChatAdapters adapters, CallMeter meter, OpenAiErrors errors) {
        this.adapters = adapters;
        this.meter = meter;
        this.errors = errors;
    }

    ResponseEntity<byte[]> complete(ChatCall call) {
        var adapter = adapters.forFormat(call.provider().wireFormat());
        try {
            var response = adapter.complete(call.target(), call.request());
            meter.record(call, ENDPOINT, "ok", 200, response.usage(), null);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(response.body());
        } catch (ProviderException e) {
            if (e.reachedProvider()) {
                meter.record(call, ENDPOINT, "error", OpenAiErrors.ErrorMapping.of(e).status(), Usage.NONE, e.kind().name());
            }
            throw e;
        } catch (RuntimeException e) {
            meter.record(call, ENDPOINT, "error", 500, Usage.NONE, INTERNAL);
            throw e;
        }
    }

    void stream(ChatCall call, HttpServletResponse response) {
        var adapter = adapters.forFormat(call.provider().wireFormat());
        var relay = new OpenAiSseRelay(response, call.clientWantsUsage());
        try {
            adapter.stream(call.target(), call.request(), relay);
        } catch (ProviderException e) {
            if (!e.reachedProvider()) {
                throw e;
            }
            var status = OpenAiErrors.ErrorMapping.of(e);
            fail(call, relay, e, status.status(), e.kind().name(), errors.errorNode(e.getMessage(), status.type(), status.code(), null));
            return;
        } catch (SseWriter.ClientGone e) {
            meter.record(call, ENDPOINT, "cancelled", 499, relay.usage(), "CLIENT_CLOSED");
            return;
        } catch (RuntimeException e) {
            log.error("Unexpected failure while streaming a chat call", e);
            fail(call, relay, e, 500, INTERNAL, errors.errorNode(OpenAiErrors.INTERNAL_MESSAGE, "server_error", "internal_error", null));
            return;
        }
        meter.record(call, ENDPOINT, "ok", 200, relay.usage(), null);
        sendQuietly(relay, null);
    }

    /** Records a failed stream; before its first event the failure is still answered as plain JSON, after it as an error event. */
    private void fail(ChatCall call, OpenAiSseRelay relay, RuntimeException e, int status, String errorType, ObjectNode event) {
        meter.record(call, ENDPOINT, relay.started() ? "partial" : "error", status, relay.usage(), errorType);
        if (!relay.started()) {
            throw e;
        }
        sendQuietly(relay, event.toString());
    }

    private static void sendQuietly(OpenAiSseRelay relay, String errorEvent) {
        try {
            if (errorEvent != null) {
                relay.send(errorEvent);
            } else {
                relay.done();
            }
        } catch (SseWriter.ClientGone ignored) {
            // the client left after its usage was recorded; nothing else to do
        }
    }
}
