package dev.switchboard.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which streamed chunks the OpenAI adapter parses: only those with a usage object or an error. */
class OpenAiChunkInspectionTest {

    @Test
    void shouldPassContentChunksWithANullUsageWithoutParsing() {
        assertThat(OpenAiChatAdapter.needsInspection("""
                {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini",\
                "choices":[{"index":0,"delta":{"content":"the \\"usage\\" and \\"error\\" fields"},"finish_reason":null}],"usage":null}""")).isFalse();
    }

    @Test
    void shouldInspectUsageAndErrorChunks() {
        assertThat(OpenAiChatAdapter.needsInspection("""
                {"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":1}}""")).isTrue();
        assertThat(OpenAiChatAdapter.needsInspection("""
                {"id":"chatcmpl-1","choices":[],"usage": {"prompt_tokens":3}}""")).isTrue();
        assertThat(OpenAiChatAdapter.needsInspection("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}")).isTrue();
        assertThat(OpenAiChatAdapter.needsInspection("{\"error\" : \"overloaded\"}")).isTrue();
    }

    @Test
    void shouldPassANullUsageWrittenWithSpaces() {
        assertThat(OpenAiChatAdapter.needsInspection("""
                {"id":"chatcmpl-1","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":null}], "usage" : null}""")).isFalse();
    }
}
