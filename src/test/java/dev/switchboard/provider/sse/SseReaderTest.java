package dev.switchboard.provider.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SseReaderTest {

    @Test
    void shouldReadEventsWithTypesAndData() throws IOException {
        var events = read("event: message_start\ndata: {\"a\":1}\n\nevent: ping\ndata: {}\n\n");

        assertThat(events).containsExactly(new SseReader.SseEvent("message_start", "{\"a\":1}"), new SseReader.SseEvent("ping", "{}"));
    }

    @Test
    void shouldJoinMultiLineDataAndStripOneSpaceOnly() throws IOException {
        var events = read("data:first\ndata:  second\n\n");

        assertThat(events).containsExactly(new SseReader.SseEvent(null, "first\n second"));
    }

    @Test
    void shouldIgnoreCommentsIdsAndEmptyEventsAndAcceptCrLfAndCr() throws IOException {
        var events = read(": keep-alive\r\nid: 7\r\nretry: 100\r\n\r\ndata: a\r\n\r\ndata: b\r\r");

        assertThat(events).extracting(SseReader.SseEvent::data).containsExactly("a", "b");
    }

    @Test
    void shouldDispatchAnUnterminatedLastEvent() throws IOException {
        assertThat(read("data: [DONE]")).extracting(SseReader.SseEvent::data).containsExactly("[DONE]");
    }

    @Test
    void shouldKeepUnicodeIntact() throws IOException {
        assertThat(read("data: {\"t\":\"héllo ✓ 你好\"}\n\n")).extracting(SseReader.SseEvent::data)
                .containsExactly("{\"t\":\"héllo ✓ 你好\"}");
    }

    @Test
    void shouldRunTheHookOnlyWhenTheNextEventIsNotAlreadyBuffered() throws IOException {
        var pauses = new int[1];
        var together = new ByteArrayInputStream("data: a\n\ndata: b\n\n".getBytes(StandardCharsets.UTF_8));
        try (var reader = new SseReader(together, () -> pauses[0]++)) {
            assertThat(reader.next().data()).isEqualTo("a");
            assertThat(reader.next().data()).isEqualTo("b");
            assertThat(pauses[0]).isZero();
            assertThat(reader.next()).isNull();
            assertThat(pauses[0]).isEqualTo(1);
        }
    }

    @Test
    void shouldRunTheHookBeforeWaitingForEachEventThatArrivesAlone() throws IOException {
        var pauses = new int[1];
        var oneAtATime = new java.io.InputStream() {
            private final byte[] bytes = "data: a\n\ndata: b\n\n".getBytes(StandardCharsets.UTF_8);
            private int position;

            @Override
            public int read() {
                return position < bytes.length ? bytes[position++] : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= bytes.length) {
                    return -1;
                }
                var end = position;
                while (end < bytes.length && !(bytes[end] == '\n' && end > 0 && bytes[end - 1] == '\n')) {
                    end++;
                }
                var n = Math.min(length, end + 1 - position);
                System.arraycopy(bytes, position, buffer, offset, n);
                position += n;
                return n;
            }

            @Override
            public int available() {
                return 0;
            }
        };
        try (var reader = new SseReader(oneAtATime, () -> pauses[0]++)) {
            assertThat(reader.next().data()).isEqualTo("a");
            assertThat(reader.next().data()).isEqualTo("b");
            assertThat(reader.next()).isNull();
        }
        assertThat(pauses[0]).isEqualTo(3);
    }

    private static List<SseReader.SseEvent> read(String stream) throws IOException {
        var events = new ArrayList<SseReader.SseEvent>();
        try (var reader = new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)))) {
            SseReader.SseEvent event;
            while ((event = reader.next()) != null) {
                events.add(event);
            }
        }
        return events;
    }

    @Test
    void shouldRefuseAnEventLargerThanTheLimitWithoutReadingItWhole() throws IOException {
        var huge = "data: " + "x".repeat(500) + "\n\n";
        var multiLine = "data: " + "y".repeat(60) + "\ndata: " + "z".repeat(60) + "\n\n";

        var single = new SseReader(new java.io.ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)), () -> { }, 100);
        var joined = new SseReader(new java.io.ByteArrayInputStream(multiLine.getBytes(StandardCharsets.UTF_8)), () -> { }, 100);

        org.assertj.core.api.Assertions.assertThatThrownBy(single::next).isInstanceOf(dev.switchboard.provider.ProviderException.class)
                .hasMessageContaining("larger than 100");
        org.assertj.core.api.Assertions.assertThatThrownBy(joined::next).isInstanceOf(dev.switchboard.provider.ProviderException.class);
    }

    @Test
    void shouldReadLinesThatCrossTheBufferAndCrLfSplitAcrossReads() throws IOException {
        var text = new StringBuilder();
        for (var i = 0; i < 3000; i++) {
            text.append("data: event-").append(i).append(i % 2 == 0 ? "\r\n\r\n" : "\n\n");
        }
        var reader = new SseReader(new java.io.ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));

        for (var i = 0; i < 3000; i++) {
            assertThat(reader.next().data()).isEqualTo("event-" + i);
        }
        assertThat(reader.next()).isNull();
    }
}
