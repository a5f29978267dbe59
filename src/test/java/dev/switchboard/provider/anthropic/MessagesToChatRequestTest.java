package dev.switchboard.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Anthropic requests (as the SDKs send them) as canonical requests, and back again unchanged. */
class MessagesToChatRequestTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final MessagesToChatRequest translator = new MessagesToChatRequest(json);

    @Test
    void shouldTranslateSystemBlocksImagesToolUseAndToolResults() {
        var chat = translator.translate(request("""
                {"model":"gpt-4o","max_tokens":1024,"system":[{"type":"text","text":"One."},{"type":"text","text":"Two."}],
                 "messages":[
                   {"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/4AAQ"}},
                     {"type":"image","source":{"type":"url","url":"https://example.test/a.png"}},{"type":"text","text":"Describe."}]},
                   {"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"sig"},{"type":"text","text":"Let me look."},
                     {"type":"tool_use","id":"toolu_1","name":"zoom","input":{"level":2}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"a cat"}],"is_error":false}]}],
                 "top_k":10,"stream":true}"""));

        assertThat(chat.toString()).isEqualTo("""
                {"model":"gpt-4o","messages":[{"role":"system","content":"One.\\n\\nTwo."},\
                {"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ"}},\
                {"type":"image_url","image_url":{"url":"https://example.test/a.png"}},{"type":"text","text":"Describe."}]},\
                {"role":"assistant","tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"zoom","arguments":"{\\"level\\":2}"}}],\
                "content":"Let me look."},{"role":"tool","tool_call_id":"toolu_1","content":"a cat"}],"max_tokens":1024,\
                "stream":true,"stream_options":{"include_usage":true}}""");
    }

    @Test
    void shouldCarryImagesOfAToolResultInTheUserMessageAfterTheResults() {
        var chat = translator.translate(request("""
                {"model":"gpt-4o","max_tokens":64,"messages":[
                   {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Read","input":{"file_path":"a.png"}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"The file:"},
                     {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}}]},{"type":"text","text":"What is it?"}]}]}"""));

        assertThat(chat.path("messages").get(1).toString()).isEqualTo("{\"role\":\"tool\",\"tool_call_id\":\"toolu_1\",\"content\":\"The file:\"}");
        assertThat(chat.path("messages").get(2).toString()).isEqualTo("""
                {"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBOR"}},\
                {"type":"text","text":"What is it?"}]}""");
    }

    @Test
    void shouldTranslateEveryToolChoice() {
        var base = """
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"x"}],
                 "tools":[{"name":"w","input_schema":{"type":"object"}}],"tool_choice":CHOICE}""";

        assertThat(translator.translate(request(base.replace("CHOICE", "{\"type\":\"any\"}"))).path("tool_choice").asString()).isEqualTo("required");
        assertThat(translator.translate(request(base.replace("CHOICE", "{\"type\":\"none\"}"))).path("tool_choice").asString()).isEqualTo("none");
        var forced = translator.translate(request(base.replace("CHOICE", "{\"type\":\"tool\",\"name\":\"w\",\"disable_parallel_tool_use\":true}")));
        assertThat(forced.path("tool_choice").toString()).isEqualTo("{\"type\":\"function\",\"function\":{\"name\":\"w\"}}");
        assertThat(forced.path("parallel_tool_calls").asBoolean(true)).isFalse();
    }

    @Test
    void shouldRefuseBlocksAndToolsThatOnlyAnthropicServes() {
        assertThatThrownBy(() -> translator.translate(request("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"x"}],
                 "tools":[{"type":"web_search_20250305","name":"web_search"}]}"""))).hasMessageContaining("web_search_20250305");
        assertThatThrownBy(() -> translator.translate(request("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"document","source":{"type":"text","data":"x"}}]}]}""")))
                .hasMessageContaining("document");
        assertThatThrownBy(() -> translator.translate(request("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"file","file_id":"f"}}]}]}""")))
                .hasMessageContaining("file");
    }

    @Test
    void shouldComeBackUnchangedThroughTheOtherDirection() {
        var original = request("""
                {"model":"m","messages":[
                  {"role":"user","content":[{"type":"text","text":"Hi"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}}]},
                  {"role":"assistant","content":[{"type":"text","text":"Calling."},{"type":"tool_use","id":"toolu_1","name":"f","input":{"a":[1,2]}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"done"},{"type":"text","text":"Go on"}]}],
                 "system":"Be kind.","max_tokens":300,"stop_sequences":["STOP"],"temperature":0.1,"top_p":0.5,
                 "tools":[{"name":"f","description":"Does f","input_schema":{"type":"object","properties":{"a":{"type":"array"}}}}],
                 "tool_choice":{"type":"tool","name":"f"},"metadata":{"user_id":"u1"}}""");

        var back = new ChatToMessagesRequest(json).translate(translator.translate(original.deepCopy()));

        assertThat(back).isEqualTo(original);
    }

    private ObjectNode request(String text) {
        return (ObjectNode) json.readTree(text);
    }
}
