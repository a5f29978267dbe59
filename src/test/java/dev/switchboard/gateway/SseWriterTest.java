package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

class SseWriterTest {

    @Test
    void shouldFrameUnnamedAndNamedEventsAndCommitAnEventStreamAtTheFirst() throws Exception {
        var response = new MockHttpServletResponse();
        var writer = new SseWriter(response);
        assertThat(writer.started()).isFalse();

        writer.write(null, "{\"a\":1}");
        writer.write("message_stop", "{\"type\":\"message_stop\"}");

        assertThat(writer.started()).isTrue();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("text/event-stream");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-cache");
        assertThat(response.getContentAsString())
                .isEqualTo("data: {\"a\":1}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    @Test
    void shouldReportAFailedWriteAsAClientThatLeft() {
        var response = new MockHttpServletResponse() {
            @Override
            public ServletOutputStream getOutputStream() {
                return new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        throw new IOException("Broken pipe");
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                    }
                };
            }
        };

        assertThatThrownBy(() -> new SseWriter(response).write("ping", "{}")).isInstanceOf(ClientGone.class);
    }
}
