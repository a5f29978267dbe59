package dev.switchboard.gateway;

import java.nio.charset.StandardCharsets;

import dev.switchboard.provider.AnthropicMessages;
import dev.switchboard.provider.ChatAdapters;
import dev.switchboard.provider.ChatStreamListener;
import dev.switchboard.provider.MediaAdapters;
import dev.switchboard.provider.MessagesStreamListener;
import dev.switchboard.provider.MessagesTranslation;
import dev.switchboard.provider.Usage;
import dev.switchboard.provider.WireFormat;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The only place that calls an upstream adapter, for one {@link Attempt}: which adapter serves the endpoint and wire
 * format, and how its answer reaches the sink (translated where the caller's dialect differs). It catches nothing:
 * {@link Inference} decides what a failure means. The answer's last write ({@link Exchange#finish}) is left to the
 * pipeline, which records the call first.
 */
@Component
class Exchanges {

    private static final String MESSAGE_STOP = "{\"type\":\"message_stop\"}";

    private final ChatAdapters chat;
    private final MediaAdapters media;
    private final AnthropicMessages anthropic;
    private final MessagesTranslation translation;
    private final ResponsesExchanges responses;

    Exchanges(ChatAdapters chat, MediaAdapters media, AnthropicMessages anthropic, MessagesTranslation translation,
              ResponsesExchanges responses) {
        this.responses = responses;
        this.chat = chat;
        this.media = media;
        this.anthropic = anthropic;
        this.translation = translation;
    }

    /** What an attempt produced: the usage to bill, whether it reached a provider, and the answer's last write. */
    record Exchange(Usage usage, boolean reachedProvider, Runnable finish) {
    }

    /** Usage reported while streaming, kept by the pipeline for a stream that breaks or is left. */
    static final class UsageTap {
        private Usage usage = Usage.NONE;

        Usage usage() {
            return usage;
        }

        void report(Usage usage) {
            this.usage = usage;
        }
    }

    Exchange perform(Attempt attempt, Sink sink, UsageTap tap) {
        var request = attempt.request();
        return switch (request.endpoint()) {
            case CHAT_COMPLETIONS, KEY_TEST -> request.stream() ? chatStream(attempt, as(sink, ChatStreamSink.class), tap) : chatWhole(attempt, json(sink));
            case MESSAGES -> request.stream() ? messagesStream(attempt, as(sink, MessagesStreamSink.class), tap) : messagesWhole(attempt, json(sink));
            case RESPONSES -> responses.perform(attempt, sink, tap);
            case COUNT_TOKENS -> countTokens(attempt, json(sink));
            case EMBEDDINGS -> {
                var reply = media.embeddings(attempt.wireFormat()).embed(attempt.target(), attempt.body());
                yield whole(reply.usage(), reply.body(), json(sink));
            }
            case IMAGES -> {
                var reply = media.images(attempt.wireFormat()).generate(attempt.target(), attempt.body());
                yield whole(reply.usage(), reply.body(), json(sink));
            }
        };
    }

    private Exchange chatWhole(Attempt attempt, JsonSink sink) {
        var response = chat.forFormat(attempt.wireFormat()).complete(attempt.target(), attempt.body());
        return whole(response.usage(), response.body(), sink);
    }

    private Exchange chatStream(Attempt attempt, ChatStreamSink sink, UsageTap tap) {
        chat.forFormat(attempt.wireFormat()).stream(attempt.target(), attempt.body(), tapped(sink, tap));
        return new Exchange(tap.usage, true, sink::done);
    }

    private Exchange messagesWhole(Attempt attempt, JsonSink sink) {
        if (attempt.wireFormat() == WireFormat.ANTHROPIC) {
            var response = anthropic.complete(attempt.target(), attempt.body(), attempt.request().anthropicBeta());
            return whole(response.usage(), response.body(), sink);
        }
        var canonical = translation.toChatRequest(attempt.body(), attempt.wireFormat());
        var response = chat.forFormat(attempt.wireFormat()).complete(attempt.target(), canonical);
        return whole(response.usage(), translation.toMessage(response.body(), attempt.servedModelName()), sink);
    }

    private Exchange messagesStream(Attempt attempt, MessagesStreamSink sink, UsageTap tap) {
        var events = tapped(sink, tap);
        if (attempt.wireFormat() == WireFormat.ANTHROPIC) {
            var stop = anthropic.stream(attempt.target(), attempt.body(), attempt.request().anthropicBeta(), events);
            return new Exchange(tap.usage, true, () -> sink.stop(stop));
        }
        var canonical = translation.toChatRequest(attempt.body(), attempt.wireFormat());
        var translated = translation.toMessagesStream(attempt.servedModelName(), events);
        chat.forFormat(attempt.wireFormat()).stream(attempt.target(), canonical, translated);
        translated.finish();
        return new Exchange(tap.usage, true, () -> sink.stop(MESSAGE_STOP));
    }

    /**
     * Anthropic counts for its own models (free, but a call that reached it); other providers have no such endpoint, so
     * the count is an estimate made here without an upstream call: one token per four UTF-8 bytes of the request's text
     * (system, messages, tools), rounded up.
     */
    private Exchange countTokens(Attempt attempt, JsonSink sink) {
        if (attempt.wireFormat() == WireFormat.ANTHROPIC) {
            var answer = anthropic.countTokens(attempt.target(), attempt.body(), attempt.request().anthropicBeta());
            return new Exchange(Usage.NONE, true, () -> sink.answer(answer));
        }
        var estimate = "{\"input_tokens\":" + estimate(attempt.body()) + "}";
        return new Exchange(Usage.NONE, false, () -> sink.answer(estimate.getBytes(StandardCharsets.UTF_8)));
    }

    static long estimate(JsonNode request) {
        var bytes = WorstCase.textBytes(request.path("system")) + WorstCase.textBytes(request.path("messages"))
                + WorstCase.textBytes(request.path("tools"));
        return (bytes + 3) / 4;
    }

    private static Exchange whole(Usage usage, byte[] body, JsonSink sink) {
        return new Exchange(usage, true, () -> sink.answer(body));
    }

    private static JsonSink json(Sink sink) {
        return as(sink, JsonSink.class);
    }

    private static <S extends Sink> S as(Sink sink, Class<S> type) {
        if (!type.isInstance(sink)) {
            throw new IllegalArgumentException("this call's answer needs a " + type.getSimpleName() + ", not " + sink.getClass().getSimpleName());
        }
        return type.cast(sink);
    }

    private static ChatStreamListener tapped(ChatStreamSink sink, UsageTap tap) {
        return new ChatStreamListener() {
            @Override
            public void onChunk(String chunkJson) {
                sink.onChunk(chunkJson);
            }

            @Override
            public void onUsage(Usage usage) {
                tap.usage = usage;
                sink.onUsage(usage);
            }

            @Override
            public void onUsageChunk(String chunkJson) {
                sink.onUsageChunk(chunkJson);
            }

            @Override
            public void onPause() {
                sink.onPause();
            }
        };
    }

    private static MessagesStreamListener tapped(MessagesStreamSink sink, UsageTap tap) {
        return new MessagesStreamListener() {
            @Override
            public void onEvent(String event, String data) {
                sink.onEvent(event, data);
            }

            @Override
            public void onUsage(Usage usage) {
                tap.usage = usage;
                sink.onUsage(usage);
            }

            @Override
            public void onPause() {
                sink.onPause();
            }
        };
    }
}
