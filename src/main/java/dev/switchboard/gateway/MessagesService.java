package dev.switchboard.gateway;

import dev.switchboard.provider.AnthropicMessages;
import dev.switchboard.provider.ChatAdapter;
import dev.switchboard.provider.ChatAdapters;
import dev.switchboard.provider.MessagesTranslation;
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
 * Serves an Anthropic Messages call: natively when the model's provider speaks Anthropic, otherwise translated to the
 * canonical request for its provider's adapter and back. Every call that reached the upstream is recorded (ok, error,
 * cancelled or partial) before the client sees the end of its response ({@code message_stop} or the error event).
 */
@Service
class MessagesService {

    static final String ENDPOINT = "messages";
    private static final Logger log = LoggerFactory.getLogger(MessagesService.class);
    private static final String MESSAGE_STOP = "{\"type\":\"message_stop\"}";

    private final AnthropicMessages anthropic;
    private final MessagesTranslation translation;
    private final ChatAdapters adapters;
    private final CallMeter meter;
    private final AnthropicErrors errors;

    MessagesService(AnthropicMessages anthropic, MessagesTranslation translation, ChatAdapters adapters, CallMeter meter,
                    AnthropicErrors errors) {
        this.anthropic = anthropic;
        this.translation = translation;
        this.adapters = adapters;
        this.meter = meter;
        this.errors = errors;
    }

    ResponseEntity<byte[]> complete(MessagesCall call) {
        var canonical = call.passthrough() ? null : canonical(call);
        var adapter = call.passthrough() ? null : adapters.forFormat(call.route().provider().wireFormat());
        try {
            byte[] body;
            Usage usage;
            if (canonical == null) {
                var response = anthropic.complete(call.route().target(), call.request(), call.beta());
                body = response.body();
                usage = response.usage();
            } else {
                var response = adapter.complete(call.route().target(), canonical);
                body = translation.toMessage(response.body(), call.requestedModel());
                usage = response.usage();
            }
            record(call, "ok", 200, usage, null);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
        } catch (ProviderException e) {
            if (e.reachedProvider()) {
                record(call, "error", AnthropicErrors.ErrorMapping.of(e).status(), Usage.NONE, e.kind().name());
            }
            throw e;
        } catch (RuntimeException e) {
            record(call, "error", 500, Usage.NONE, ChatService.INTERNAL);
            throw e;
        }
    }

    void stream(MessagesCall call, HttpServletResponse response) {
        var canonical = call.passthrough() ? null : canonical(call);
        var adapter = call.passthrough() ? null : adapters.forFormat(call.route().provider().wireFormat());
        var relay = new AnthropicSseRelay(response);
        String messageStop;
        try {
            messageStop = adapter == null ? anthropic.stream(call.route().target(), call.request(), call.beta(), relay)
                    : translated(call, adapter, canonical, relay);
        } catch (ProviderException e) {
            if (!e.reachedProvider()) {
                throw e;
            }
            var mapping = AnthropicErrors.ErrorMapping.of(e);
            record(call, relay.started() ? "partial" : "error", mapping.status(), relay.usage(), e.kind().name());
            if (!relay.started()) {
                throw e;
            }
            sendQuietly(relay, "error", errors.errorJson(mapping.type(), e.getMessage()));
            return;
        } catch (SseWriter.ClientGone e) {
            record(call, "cancelled", 499, relay.usage(), "CLIENT_CLOSED");
            return;
        } catch (RuntimeException e) {
            log.error("Unexpected failure while streaming a Messages call", e);
            record(call, relay.started() ? "partial" : "error", 500, relay.usage(), ChatService.INTERNAL);
            if (!relay.started()) {
                throw e;
            }
            sendQuietly(relay, "error", errors.errorJson("api_error", "Internal server error"));
            return;
        }
        record(call, "ok", 200, relay.usage(), null);
        sendQuietly(relay, "message_stop", messageStop);
    }

    private String translated(MessagesCall call, ChatAdapter adapter, ObjectNode canonical, AnthropicSseRelay relay) {
        var stream = translation.toMessagesStream(call.requestedModel(), relay);
        adapter.stream(call.route().target(), canonical, stream);
        stream.finish();
        return MESSAGE_STOP;
    }

    /** The canonical request for a provider of another dialect; a request it cannot express is refused before any call. */
    private ObjectNode canonical(MessagesCall call) {
        var canonical = translation.toChatRequest(call.request());
        canonical.put("model", call.route().model().upstreamModel());
        return canonical;
    }

    private void record(MessagesCall call, String status, int httpStatus, Usage usage, String errorType) {
        meter.record(call.caller(), call.route(), call.stream(), call.startedNanos(), ENDPOINT, status, httpStatus, usage, errorType);
    }

    private static void sendQuietly(AnthropicSseRelay relay, String event, String data) {
        try {
            relay.onEvent(event, data);
        } catch (SseWriter.ClientGone ignored) {
            // the client left after its usage was recorded; nothing else to do
        }
    }
}
