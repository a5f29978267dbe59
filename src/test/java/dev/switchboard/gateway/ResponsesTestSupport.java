package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.switchboard.testing.GatewayTestSupport;
import dev.switchboard.testing.SseEvents;

/** What the Responses API tests share: posting and streaming {@code /v1/responses}, reading a user's usage record. */
abstract class ResponsesTestSupport extends GatewayTestSupport {

    HttpResponse<String> postResponses(String body, TestUser user) {
        return postJson("/v1/responses", body, "Authorization", bearer(user));
    }

    List<SseEvents.Event> streamResponses(String body, TestUser user) {
        var request = HttpRequest.newBuilder(URI.create(url("/v1/responses"))).header("Content-Type", "application/json")
                .header("Authorization", bearer(user)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            return SseEvents.parse(response.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Each event is named by its type, and the sequence numbers count 0, 1, 2, … with no gap. */
    static void assertNumberedInOrder(List<SseEvents.Event> events) {
        for (var i = 0; i < events.size(); i++) {
            var data = events.get(i).json();
            assertThat(data.path("type").asString()).as("event %d", i).isEqualTo(events.get(i).name());
            assertThat(data.path("sequence_number").asInt(-1)).as("sequence_number of event %d", i).isEqualTo(i);
        }
    }

    Map<String, Object> onlyRecordOf(TestUser user) {
        return jdbc.sql("""
                SELECT endpoint, status, streamed, provider_id, model, input_tokens, output_tokens, cached_tokens, cost_nano_usd
                FROM usage_records WHERE user_id = ?""").param(user.id()).query().singleRow();
    }

    static long number(Map<String, Object> record, String column) {
        return ((Number) record.get(column)).longValue();
    }
}
