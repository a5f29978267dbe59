package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenAiSseRelayTest {

    @Test
    void shouldDropOnlyTheNullUsageMember() {
        assertThat(OpenAiSseRelay.withoutNullUsage("{\"id\":\"c\",\"choices\":[],\"usage\":null}")).isEqualTo("{\"id\":\"c\",\"choices\":[]}");
        assertThat(OpenAiSseRelay.withoutNullUsage("{\"id\":\"c\", \"usage\": null, \"x\":1}")).isEqualTo("{\"id\":\"c\", \"x\":1}");
        assertThat(OpenAiSseRelay.withoutNullUsage("{\"usage\":{\"prompt_tokens\":1}}")).isEqualTo("{\"usage\":{\"prompt_tokens\":1}}");
    }

    @Test
    void shouldLeaveTheSameTextInsideAStringAlone() {
        var chunk = "{\"choices\":[{\"delta\":{\"content\":\"say ,\\\"usage\\\":null please\"}}]}";

        assertThat(OpenAiSseRelay.withoutNullUsage(chunk)).isEqualTo(chunk);
    }
}
