package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.switchboard.testing.GatewayTestSupport;
import dev.switchboard.testing.SseEvents;

/** What the Anthropic end-to-end tests share: streaming requests, and reading a user's usage records. */
abstract class AnthropicTestSupport extends GatewayTestSupport {

    /** Headers as Anthropic's Python SDK sends them (apart from the key). */
    static final String[] SDK_HEADERS = {
            "anthropic-version", "2023-06-01", "Accept", "application/json", "User-Agent", "Anthropic/Python 0.69.0",
            "X-Stainless-Lang", "python", "X-Stainless-Package-Version", "0.69.0", "X-Stainless-Runtime", "CPython",
            "x-stainless-retry-count", "0", "x-stainless-timeout", "600"};

    /** The request body of the SDK's README example, {@code client.messages.create(...)}. */
    static final String SDK_HELLO = """
            {"max_tokens":1024,"messages":[{"role":"user","content":"Hello, Claude"}],"model":"claude-sonnet-4-5"}""";

    HttpResponse<String> postMessages(String body, TestUser user) {
        return postJson("/v1/messages", body, headers(user));
    }

    List<SseEvents.Event> streamEvents(String path, String body, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        builder.headers(headers);
        try {
            var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            return SseEvents.parse(response.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    List<SseEvents.Event> streamMessages(String body, TestUser user) {
        return streamEvents("/v1/messages", body, headers(user));
    }

    static String[] headers(TestUser user) {
        var all = new String[SDK_HEADERS.length + 2];
        all[0] = "x-api-key";
        all[1] = user.secret();
        System.arraycopy(SDK_HEADERS, 0, all, 2, SDK_HEADERS.length);
        return all;
    }

    Map<String, Object> onlyRecordOf(TestUser user) {
        return jdbc.sql("""
                SELECT endpoint, status, http_status, streamed, provider_id, model, input_tokens, output_tokens, cached_tokens,
                       cost_nano_usd, error_type FROM usage_records WHERE user_id = ?""").param(user.id()).query().singleRow();
    }

    static long number(Map<String, Object> record, String column) {
        return ((Number) record.get(column)).longValue();
    }
}
