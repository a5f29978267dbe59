package dev.switchboard.provider.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** {@link JsonPeek} answers exactly as the regular expressions it replaced. */
class JsonPeekTest {

    private static final Pattern USAGE_OBJECT = Pattern.compile("\"usage\"\\s*:\\s*\\{");
    private static final Pattern ERROR_MEMBER = Pattern.compile("\"error\"\\s*:");
    private static final Pattern FINISH_REASON = Pattern.compile("\"finish_reason\"\\s*:\\s*\"");

    @Test
    void shouldFindAUsageObjectButNotANullUsage() {
        assertThat(JsonPeek.hasMember("{\"choices\":[],\"usage\":{\"prompt_tokens\":3}}", "\"usage\"", '{')).isTrue();
        assertThat(JsonPeek.hasMember("{\"usage\": {\"prompt_tokens\":3}}", "\"usage\"", '{')).isTrue();
        assertThat(JsonPeek.hasMember("{\"usage\" :\n\t{}}", "\"usage\"", '{')).isTrue();
        assertThat(JsonPeek.hasMember("{\"choices\":[],\"usage\":null}", "\"usage\"", '{')).isFalse();
        assertThat(JsonPeek.hasMember("{\"usage\": null}", "\"usage\"", '{')).isFalse();
    }

    @Test
    void shouldFindAnErrorMemberWhateverItsValue() {
        assertThat(JsonPeek.hasMember("{\"error\":{\"message\":\"overloaded\"}}", "\"error\"")).isTrue();
        assertThat(JsonPeek.hasMember("{\"error\" : \"overloaded\"}", "\"error\"")).isTrue();
        assertThat(JsonPeek.hasMember("{\"error\":", "\"error\"")).as("a colon at the very end").isTrue();
    }

    @Test
    void shouldIgnoreANameThatIsNotFollowedByAColon() {
        assertThat(JsonPeek.hasMember("{\"content\":\"the \\\"error\\\" and \\\"usage\\\": {} fields\"}", "\"error\"")).isFalse();
        assertThat(JsonPeek.hasMember("{\"content\":\"the \\\"usage\\\": {} field\"}", "\"usage\"", '{')).isFalse();
        assertThat(JsonPeek.hasMember("[\"error\",\"usage\"]", "\"error\"")).isFalse();
        assertThat(JsonPeek.hasMember("{\"usage\"", "\"usage\"", '{')).as("the name at the very end").isFalse();
        assertThat(JsonPeek.hasMember("{\"usage\":", "\"usage\"", '{')).as("a colon at the very end").isFalse();
    }

    @Test
    void shouldLookPastAFirstHitThatIsNotAMember() {
        assertThat(JsonPeek.hasMember("{\"a\":[\"usage\"],\"usage\":{}}", "\"usage\"", '{')).isTrue();
        assertThat(JsonPeek.hasMember("{\"usage\":null,\"x\":{\"usage\":{}}}", "\"usage\"", '{')).isTrue();
        assertThat(JsonPeek.hasMember("{\"finish_reason\":null,\"b\":{\"finish_reason\":\"stop\"}}", "\"finish_reason\"", '"')).isTrue();
    }

    @Test
    void shouldAnswerAsTheRegularExpressionsOnTrickyAndRandomChunks() {
        var random = new Random(16);
        var pieces = List.of("\"usage\"", "\"error\"", "\"finish_reason\"", ":", " ", "\t", "\n", "\u000B", "\f", "\r", "{", "}",
                "\"", "null", "\\\"", ",", "x", "\"stop\"");
        for (var i = 0; i < 20_000; i++) {
            var chunk = new StringBuilder();
            for (var n = random.nextInt(12); n > 0; n--) {
                chunk.append(pieces.get(random.nextInt(pieces.size())));
            }
            var text = chunk.toString();
            assertThat(JsonPeek.hasMember(text, "\"usage\"", '{')).as(text).isEqualTo(USAGE_OBJECT.matcher(text).find());
            assertThat(JsonPeek.hasMember(text, "\"error\"")).as(text).isEqualTo(ERROR_MEMBER.matcher(text).find());
            assertThat(JsonPeek.hasMember(text, "\"finish_reason\"", '"')).as(text).isEqualTo(FINISH_REASON.matcher(text).find());
        }
    }
}
