package dev.switchboard.gateway;

import dev.switchboard.gateway.Exchanges.Exchange;
import dev.switchboard.gateway.Exchanges.UsageTap;
import dev.switchboard.provider.ChatAdapters;
import dev.switchboard.provider.NativeResponses;
import dev.switchboard.provider.ResponsesReply;
import dev.switchboard.provider.ResponsesStreamListener;
import dev.switchboard.provider.ResponsesTranslation;
import dev.switchboard.provider.Usage;
import org.springframework.stereotype.Component;

/**
 * How a Responses call reaches its provider ({@link Exchanges} for {@code /v1/responses}): natively where the upstream
 * serves the Responses API, otherwise translated to the canonical chat format for that wire format's adapter and its
 * answer translated back, streams included. The answer names the model as the caller did.
 */
@Component
class ResponsesExchanges {

    private final NativeResponses natively;
    private final ResponsesTranslation translation;
    private final ChatAdapters chat;

    ResponsesExchanges(NativeResponses natively, ResponsesTranslation translation, ChatAdapters chat) {
        this.natively = natively;
        this.translation = translation;
        this.chat = chat;
    }

    Exchange perform(Attempt attempt, Sink sink, UsageTap tap) {
        if (attempt.request().stream()) {
            if (!(sink instanceof ResponsesStreamSink events)) {
                throw new IllegalArgumentException("a streamed Responses call needs a ResponsesStreamSink, not " + sink.getClass().getSimpleName());
            }
            return stream(attempt, events, tap);
        }
        if (!(sink instanceof JsonSink answer)) {
            throw new IllegalArgumentException("a Responses call needs a JsonSink, not " + sink.getClass().getSimpleName());
        }
        var reply = whole(attempt);
        return new Exchange(reply.usage(), true, () -> answer.answer(reply.body()));
    }

    private ResponsesReply whole(Attempt attempt) {
        if (natively.serves(attempt.target(), attempt.wireFormat())) {
            return natively.complete(attempt.target(), attempt.body());
        }
        var completion = chat.forFormat(attempt.wireFormat()).complete(attempt.target(), translation.toChatRequest(attempt.body()));
        return translation.toResponse(completion.body(), attempt.request().body(), completion.usage());
    }

    private Exchange stream(Attempt attempt, ResponsesStreamSink sink, UsageTap tap) {
        var events = tapped(sink, tap);
        ResponsesReply terminal;
        if (natively.serves(attempt.target(), attempt.wireFormat())) {
            terminal = natively.stream(attempt.target(), attempt.body(), events);
        } else {
            var canonical = translation.toChatRequest(attempt.body());
            var translated = translation.toResponsesStream(attempt.request().body(), events);
            chat.forFormat(attempt.wireFormat()).stream(attempt.target(), canonical, translated);
            terminal = translated.finish();
        }
        return new Exchange(terminal.usage(), true, () -> sink.complete(terminal));
    }

    private static ResponsesStreamListener tapped(ResponsesStreamSink sink, UsageTap tap) {
        return new ResponsesStreamListener() {
            @Override
            public void onEvent(String event, String data) {
                sink.onEvent(event, data);
            }

            @Override
            public void onUsage(Usage usage) {
                tap.report(usage);
                sink.onUsage(usage);
            }

            @Override
            public void onPause() {
                sink.onPause();
            }
        };
    }
}
