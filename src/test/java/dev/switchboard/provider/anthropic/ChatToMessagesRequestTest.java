package dev.switchboard.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.provider.ProviderException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Canonical (OpenAI) requests as Anthropic requests, and back again unchanged. */
class ChatToMessagesRequestTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final ChatToMessagesRequest translator = new ChatToMessagesRequest(json);

    @Test
    void shouldMoveSystemAndDeveloperMessagesIntoSystemAndMergeToolResultsIntoOneUserTurn() {
        var anthropic = translator.translate(chat("""
                {"model":"claude-sonnet-4-5","messages":[
                  {"role":"system","content":"Be terse."},{"role":"developer","content":[{"type":"text","text":"Use metric."}]},
                  {"role":"user","content":"Weather in Rome and Paris?"},
                  {"role":"assistant","content":"Checking.","tool_calls":[
                    {"id":"call_1","type":"function","function":{"name":"w","arguments":"{\\"city\\":\\"Rome\\"}"}},
                    {"id":"call_2","type":"function","function":{"name":"w","arguments":""}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"18C"},
                  {"role":"tool","tool_call_id":"call_2","content":[{"type":"text","text":"15C"}]},
                  {"role":"user","content":"Thanks"}],
                 "max_tokens":100,"stop":["A","B"],"temperature":0.3,"top_p":0.8,"user":"u1","stream":true}"""));

        assertThat(anthropic.toString()).isEqualTo("""
                {"model":"claude-sonnet-4-5","messages":[\
                {"role":"user","content":[{"type":"text","text":"Weather in Rome and Paris?"}]},\
                {"role":"assistant","content":[{"type":"text","text":"Checking."},\
                {"type":"tool_use","id":"call_1","name":"w","input":{"city":"Rome"}},{"type":"tool_use","id":"call_2","name":"w","input":{}}]},\
                {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"18C"},\
                {"type":"tool_result","tool_use_id":"call_2","content":[{"type":"text","text":"15C"}]},{"type":"text","text":"Thanks"}]}],\
                "system":[{"type":"text","text":"Be terse."},{"type":"text","text":"Use metric."}],"max_tokens":100,\
                "stop_sequences":["A","B"],"temperature":0.3,"top_p":0.8,"metadata":{"user_id":"u1"},"stream":true}""");
    }

    @Test
    void shouldChooseTheDocumentedDefaultMaxTokensAndPreferMaxCompletionTokens() {
        assertThat(translator.translate(chat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .path("max_tokens").asInt()).isEqualTo(ChatToMessagesRequest.DEFAULT_MAX_TOKENS).isEqualTo(4096);
        assertThat(translator.translate(chat("{\"model\":\"m\",\"max_tokens\":5,\"max_completion_tokens\":7,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .path("max_tokens").asInt()).isEqualTo(7);
    }

    @Test
    void shouldTranslateToolsAndEveryToolChoice() {
        var base = """
                {"model":"m","messages":[{"role":"user","content":"x"}],
                 "tools":[{"type":"function","function":{"name":"w","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}},
                          {"type":"function","function":{"name":"noargs"}}],
                 "tool_choice":CHOICE,"parallel_tool_calls":PARALLEL}""";

        var auto = translator.translate(chat(base.replace("CHOICE", "\"auto\"").replace("PARALLEL", "true")));
        assertThat(auto.path("tools").toString()).isEqualTo("""
                [{"name":"w","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}},\
                {"name":"noargs","input_schema":{"type":"object","properties":{}}}]""");
        assertThat(auto.path("tool_choice").toString()).isEqualTo("{\"type\":\"auto\"}");
        assertThat(translator.translate(chat(base.replace("CHOICE", "\"required\"").replace("PARALLEL", "true"))).path("tool_choice").toString())
                .isEqualTo("{\"type\":\"any\"}");
        assertThat(translator.translate(chat(base.replace("CHOICE", "\"none\"").replace("PARALLEL", "true"))).path("tool_choice").toString())
                .isEqualTo("{\"type\":\"none\"}");
        assertThat(translator.translate(chat(base.replace("CHOICE", "{\"type\":\"function\",\"function\":{\"name\":\"w\"}}")
                .replace("PARALLEL", "false"))).path("tool_choice").toString())
                .isEqualTo("{\"type\":\"tool\",\"name\":\"w\",\"disable_parallel_tool_use\":true}");
    }

    @Test
    void shouldRefuseWhatAnthropicCannotExpress() {
        assertThatThrownBy(() -> translator.translate(chat("{\"model\":\"m\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_REQUEST));
        assertThatThrownBy(() -> translator.translate(chat("""
                {"model":"m","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"AA==","format":"wav"}}]}]}""")))
                .hasMessageContaining("input_audio");
        assertThatThrownBy(() -> translator.translate(chat("""
                {"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png,rawbytes"}}]}]}""")))
                .hasMessageContaining("base64");
    }

    @Test
    void shouldComeBackUnchangedThroughTheOtherDirection() {
        var original = chat("""
                {"model":"m","messages":[{"role":"system","content":"Be terse."},
                  {"role":"user","content":[{"type":"text","text":"What is this?"},{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ"}},
                    {"type":"image_url","image_url":{"url":"https://example.test/cat.png"}}]},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"look","arguments":"{\\"zoom\\":2}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"a cat"}],
                 "max_tokens":50,"stop":["END"],"temperature":0.7,"top_p":0.9,
                 "tools":[{"type":"function","function":{"name":"look","description":"Look closer","parameters":{"type":"object","properties":{"zoom":{"type":"integer"}}}}}],
                 "tool_choice":"required","user":"u9"}""");

        var back = new MessagesToChatRequest(json).translate(translator.translate(original.deepCopy()));

        assertThat(back).isEqualTo(original);
    }

    private ObjectNode chat(String text) {
        return (ObjectNode) json.readTree(text);
    }
}
