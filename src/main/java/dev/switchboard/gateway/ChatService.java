package dev.switchboard.gateway;

import dev.switchboard.provider.ChatAdapters;
import dev.switchboard.provider.ProviderException;
import dev.switchboard.provider.Usage;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

/**
 * Serves a decided chat call through its provider's adapter and meters it: every call that reached the upstream is
 * recorded (ok, error, cancelled or partial) before the client sees the end of its response.
 */
@Service
class ChatService {

    static final String ENDPOINT = "chat.completions";

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
            meter.record(call, ENDPOINT, relay.started() ? "partial" : "error", status.status(), relay.usage(), e.kind().name());
            if (!relay.started()) {
                throw e;
            }
            sendQuietly(relay, errors.errorNode(e.getMessage(), status.type(), status.code(), null).toString());
            return;
        } catch (SseWriter.ClientGone e) {
            meter.record(call, ENDPOINT, "cancelled", 499, relay.usage(), "CLIENT_CLOSED");
            return;
        }
        meter.record(call, ENDPOINT, "ok", 200, relay.usage(), null);
        sendQuietly(relay, null);
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
