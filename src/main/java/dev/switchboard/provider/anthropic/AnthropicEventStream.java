package dev.switchboard.provider.anthropic;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import dev.switchboard.provider.ProviderException;
import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.provider.ProviderException.Kind;
import dev.switchboard.provider.http.UpstreamHttp;
import dev.switchboard.provider.sse.SseReader;

/**
 * Reads an Anthropic Messages stream event by event ({@code event: name} then {@code data: {...}}), handing each to a
 * handler until {@code message_stop}. An {@code error} event becomes the {@link ProviderException} its HTTP twin would
 * (its documented status), and a stream that ends before {@code message_stop} is a broken connection.
 */
final class AnthropicEventStream {

    /** Anthropic writes {@code type} first in every event's data. */
    private static final Pattern TYPE = Pattern.compile("^\\s*\\{\\s*\"type\"\\s*:\\s*\"([a-z_]+)\"");
    private static final Pattern ERROR_TYPE = Pattern.compile("\"error\"\\s*:\\s*\\{[^}]*?\"type\"\\s*:\\s*\"([a-z_]+)\"");

    @FunctionalInterface
    interface Handler {
        void on(String event, String data);
    }

    private AnthropicEventStream() {
    }

    /** Pumps the whole stream and closes it; returns the data of {@code message_stop}. */
    static String pump(UpstreamHttp http, UpstreamTarget target, InputStream body, Handler handler, Runnable beforeWaiting) {
        var providerId = target.providerId();
        try (var reader = new SseReader(body, beforeWaiting)) {
            SseReader.SseEvent event;
            while ((event = reader.next()) != null) {
                var name = event.event() != null ? event.event() : typeOf(event.data());
                switch (name) {
                    case "message_stop" -> {
                        reader.answerComplete();
                        return event.data();
                    }
                    case "error" -> throw http.error(providerId, AnthropicWire.statusOf(errorType(event.data())),
                            event.data().getBytes(StandardCharsets.UTF_8), null, target.apiKey());
                    default -> handler.on(name, event.data());
                }
            }
        } catch (IOException e) {
            throw UpstreamHttp.failure(providerId, e);
        }
        throw new ProviderException(Kind.UNREACHABLE, 200,
                "The provider " + providerId + " ended the stream before the answer was complete", null);
    }

    /** The {@code type} of an event whose {@code event:} line is missing (the data always repeats it). */
    private static String typeOf(String data) {
        var m = TYPE.matcher(data);
        return m.find() ? m.group(1) : "message";
    }

    private static String errorType(String data) {
        var m = ERROR_TYPE.matcher(data);
        return m.find() ? m.group(1) : null;
    }
}
