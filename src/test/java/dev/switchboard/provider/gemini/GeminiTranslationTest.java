package dev.switchboard.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.provider.ProviderException;
import dev.switchboard.provider.Usage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The canonical (OpenAI) ↔ Gemini translations, field by field, without any HTTP. */
class GeminiTranslationTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final GeminiRequests requests = new GeminiRequests(json);
    private final GeminiResponses responses = new GeminiResponses(json);

    private ObjectNode read(String text) {
        return (ObjectNode) json.readTree(text);
    }

    @Test
    void shouldMoveSystemAndDeveloperMessagesToSystemInstructionAndMapRoles() {
        var gemini = requests.toGemini(read("""
                {"model":"gemini-2.5-flash","messages":[
                  {"role":"system","content":"Be brief."},
                  {"role":"developer","content":[{"type":"text","text":"Answer in French."}]},
                  {"role":"user","content":"Hi"},
                  {"role":"assistant","content":"Bonjour"},
                  {"role":"user","content":"Again"}]}"""));

        assertThat(gemini.path("systemInstruction").path("parts").get(0).path("text").asString()).isEqualTo("Be brief.\n\nAnswer in French.");
        var contents = gemini.path("contents");
        assertThat(contents).hasSize(3);
        assertThat(contents.get(0).path("role").asString()).isEqualTo("user");
        assertThat(contents.get(1).path("role").asString()).isEqualTo("model");
        assertThat(contents.get(1).path("parts").get(0).path("text").asString()).isEqualTo("Bonjour");
        assertThat(contents.get(2).path("parts").get(0).path("text").asString()).isEqualTo("Again");
        assertThat(gemini.has("generationConfig")).isFalse();
    }

    @Test
    void shouldTranslateImagesToInlineDataAndFileData() {
        var gemini = requests.toGemini(read("""
                {"messages":[{"role":"user","content":[
                  {"type":"text","text":"What is this?"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                  {"type":"image_url","image_url":{"url":"https://example.test/cat.webp?size=2"}}]}]}"""));

        var parts = gemini.path("contents").get(0).path("parts");
        assertThat(parts.get(0).path("text").asString()).isEqualTo("What is this?");
        assertThat(parts.get(1).path("inlineData").path("mimeType").asString()).isEqualTo("image/png");
        assertThat(parts.get(1).path("inlineData").path("data").asString()).isEqualTo("iVBORw0KGgo=");
        assertThat(parts.get(2).path("fileData").path("fileUri").asString()).isEqualTo("https://example.test/cat.webp?size=2");
        assertThat(parts.get(2).path("fileData").path("mimeType").asString()).isEqualTo("image/webp");
    }

    @Test
    void shouldTranslateToolsToolChoiceToolCallsAndToolResults() {
        var gemini = requests.toGemini(read("""
                {"messages":[
                  {"role":"user","content":"Weather in Paris and Rome?"},
                  {"role":"assistant","content":null,"tool_calls":[
                    {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                    {"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"{\\"temp\\":21}"},
                  {"role":"tool","tool_call_id":"call_2","content":"sunny"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather now","strict":true,
                   "parameters":{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,
                     "properties":{"city":{"type":"string"},"unit":{"type":["string","null"],"enum":["c","f"]}},"required":["city"]}}}],
                 "tool_choice":{"type":"function","function":{"name":"get_weather"}}}"""));

        var declaration = gemini.path("tools").get(0).path("functionDeclarations").get(0);
        assertThat(declaration.path("name").asString()).isEqualTo("get_weather");
        assertThat(declaration.path("description").asString()).isEqualTo("Weather now");
        var parameters = declaration.path("parameters");
        assertThat(parameters.has("additionalProperties")).isFalse();
        assertThat(parameters.has("$schema")).isFalse();
        assertThat(parameters.path("required").get(0).asString()).isEqualTo("city");
        assertThat(parameters.path("properties").path("unit").path("type").asString()).isEqualTo("string");
        assertThat(parameters.path("properties").path("unit").path("nullable").asBoolean()).isTrue();
        var calling = gemini.path("toolConfig").path("functionCallingConfig");
        assertThat(calling.path("mode").asString()).isEqualTo("ANY");
        assertThat(calling.path("allowedFunctionNames").get(0).asString()).isEqualTo("get_weather");

        var contents = gemini.path("contents");
        assertThat(contents).hasSize(3);
        var calls = contents.get(1).path("parts");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).path("functionCall").path("args").path("city").asString()).isEqualTo("Rome");
        var results = contents.get(2).path("parts");
        assertThat(contents.get(2).path("role").asString()).isEqualTo("user");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("functionResponse").path("name").asString()).isEqualTo("get_weather");
        assertThat(results.get(0).path("functionResponse").path("response").path("temp").asInt()).isEqualTo(21);
        assertThat(results.get(1).path("functionResponse").path("response").path("output").asString()).isEqualTo("sunny");
    }

    @Test
    void shouldTranslateSamplingOptionsAndJsonResponseFormat() {
        var gemini = requests.toGemini(read("""
                {"messages":[{"role":"user","content":"x"}],"temperature":0.3,"top_p":0.9,"max_completion_tokens":100,
                 "stop":"END","n":2,"tool_choice":"required",
                 "response_format":{"type":"json_schema","json_schema":{"name":"r","schema":{"type":"object",
                   "properties":{"a":{"type":"integer"}},"additionalProperties":false}}}}"""));

        var config = gemini.path("generationConfig");
        assertThat(config.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(config.path("topP").asDouble()).isEqualTo(0.9);
        assertThat(config.path("maxOutputTokens").asInt()).isEqualTo(100);
        assertThat(config.path("stopSequences").get(0).asString()).isEqualTo("END");
        assertThat(config.path("candidateCount").asInt()).isEqualTo(2);
        assertThat(config.path("responseMimeType").asString()).isEqualTo("application/json");
        assertThat(config.path("responseSchema").path("properties").path("a").path("type").asString()).isEqualTo("integer");
        assertThat(config.path("responseSchema").has("additionalProperties")).isFalse();
        assertThat(gemini.path("toolConfig").path("functionCallingConfig").path("mode").asString()).isEqualTo("ANY");
    }

    @Test
    void shouldRefuseAToolResultThatAnswersNoCall() {
        assertThatThrownBy(() -> requests.toGemini(read("""
                {"messages":[{"role":"tool","tool_call_id":"call_x","content":"1"}]}""")))
                .isInstanceOf(ProviderException.class).hasMessageContaining("call_x");
    }

    @Test
    void shouldTranslateAGeminiAnswerWithThoughtsCachedTokensAndAFunctionCall() {
        var completion = responses.completion(json.readTree("""
                {"candidates":[{"content":{"parts":[{"text":"thinking...","thought":true},{"text":"Let me check."},
                   {"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}],"role":"model"},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":100,"candidatesTokenCount":20,"thoughtsTokenCount":30,
                   "cachedContentTokenCount":40,"totalTokenCount":150},
                 "modelVersion":"gemini-2.5-flash","responseId":"r1"}"""), "gemini-2.5-flash");

        assertThat(completion.path("object").asString()).isEqualTo("chat.completion");
        var choice = completion.path("choices").get(0);
        assertThat(choice.path("message").path("content").asString()).isEqualTo("Let me check.");
        var call = choice.path("message").path("tool_calls").get(0);
        assertThat(call.path("type").asString()).isEqualTo("function");
        assertThat(call.path("id").asString()).startsWith("call_");
        assertThat(json.readTree(call.path("function").path("arguments").asString()).path("city").asString()).isEqualTo("Paris");
        assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(completion.path("usage").path("prompt_tokens").asLong()).isEqualTo(100);
        assertThat(completion.path("usage").path("completion_tokens").asLong()).isEqualTo(50);
        assertThat(completion.path("usage").path("prompt_tokens_details").path("cached_tokens").asLong()).isEqualTo(40);
        assertThat(GeminiResponses.usage(json.readTree("""
                {"promptTokenCount":100,"candidatesTokenCount":20,"thoughtsTokenCount":30,"cachedContentTokenCount":40}""")))
                .isEqualTo(new Usage(100, 50, 40));
    }

    @Test
    void shouldMapEveryFinishReason() {
        assertThat(GeminiResponses.finishReason("STOP", false)).isEqualTo("stop");
        assertThat(GeminiResponses.finishReason("MAX_TOKENS", false)).isEqualTo("length");
        for (var filtered : new String[]{"SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII"}) {
            assertThat(GeminiResponses.finishReason(filtered, false)).isEqualTo("content_filter");
        }
        assertThat(GeminiResponses.finishReason("STOP", true)).isEqualTo("tool_calls");
        assertThat(GeminiResponses.finishReason(null, false)).isNull();
    }

    @Test
    void shouldNumberToolCallsAcrossTheStreamAndFinishWithToolCallsWhenAnEarlierResponseCalledOne() {
        var stream = new GeminiResponses.Stream("gemini-2.5-flash", 1);
        var first = responses.chunks(json.readTree("""
                {"candidates":[{"content":{"parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}],"role":"model"},"index":0}]}"""),
                stream);
        var second = responses.chunks(json.readTree("""
                {"candidates":[{"content":{"parts":[{"functionCall":{"name":"get_time","args":{"zone":"CET"}}}],"role":"model"},"index":0}]}"""),
                stream);
        var last = responses.chunks(json.readTree("""
                {"candidates":[{"content":{"parts":[{"text":""}],"role":"model"},"finishReason":"STOP","index":0}]}"""), stream);

        var firstCall = first.get(0).path("choices").get(0).path("delta").path("tool_calls").get(0);
        var secondCall = second.get(0).path("choices").get(0).path("delta").path("tool_calls").get(0);
        assertThat(firstCall.path("index").asInt()).isZero();
        assertThat(firstCall.path("function").path("name").asString()).isEqualTo("get_weather");
        assertThat(secondCall.path("index").asInt()).isEqualTo(1);
        assertThat(secondCall.path("id").asString()).isNotEqualTo(firstCall.path("id").asString());
        assertThat(secondCall.path("type").asString()).isEqualTo("function");
        assertThat(secondCall.path("function").path("arguments").asString()).isEqualTo("{\"zone\":\"CET\"}");
        assertThat(last.get(0).path("choices").get(0).path("finish_reason").asString()).isEqualTo("tool_calls");
    }

    @Test
    void shouldTurnEachStreamedResponseIntoChunksWithTheRoleOnlyOnce() {
        var stream = new GeminiResponses.Stream("gemini-2.5-flash", 1);
        var first = responses.chunks(json.readTree("""
                {"candidates":[{"content":{"parts":[{"text":"Hel"}],"role":"model"},"index":0}],
                 "usageMetadata":{"promptTokenCount":5,"totalTokenCount":5}}"""), stream);
        var last = responses.chunks(json.readTree("""
                {"candidates":[{"content":{"parts":[{"text":"lo"}],"role":"model"},"finishReason":"MAX_TOKENS","index":0}]}"""),
                stream);

        assertThat(first).hasSize(1);
        assertThat(first.get(0).path("object").asString()).isEqualTo("chat.completion.chunk");
        assertThat(first.get(0).path("choices").get(0).path("delta").path("role").asString()).isEqualTo("assistant");
        assertThat(first.get(0).path("choices").get(0).path("delta").path("content").asString()).isEqualTo("Hel");
        assertThat(first.get(0).path("choices").get(0).path("finish_reason").isNull()).isTrue();
        assertThat(last.get(0).path("choices").get(0).path("delta").has("role")).isFalse();
        assertThat(last.get(0).path("choices").get(0).path("finish_reason").asString()).isEqualTo("length");
        assertThat(last.get(0).path("id").asString()).isEqualTo(first.get(0).path("id").asString()).startsWith("chatcmpl-");
        assertThat(last.get(0).path("created").asLong()).isEqualTo(first.get(0).path("created").asLong());
        assertThat(last.get(0).path("model").asString()).isEqualTo("gemini-2.5-flash");
    }
}
