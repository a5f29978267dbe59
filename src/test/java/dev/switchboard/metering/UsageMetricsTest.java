package dev.switchboard.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;

/** Every metered call shows in /actuator/prometheus, labelled by catalog names only. */
class UsageMetricsTest extends GatewayTestSupport {

    @Test
    void shouldCountRequestsTokensAndCostPerModel() {
        var user = newUser();
        OPENAI.willReply("metered", 1_000_000, 0);
        postJson("/v1/chat/completions", "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization", bearer(user));

        var metrics = metrics();

        assertThat(metrics).containsPattern("switchboard_requests_total\\{[^}]*model=\"gpt-4.1\"[^}]*status=\"ok\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("switchboard_tokens_total\\{direction=\"input\",model=\"gpt-4.1\",provider=\"openai\"} [1-9][0-9]{6}");
        // 1M input tokens of gpt-4.1 at $2.00 per 1M (other tests may add to it)
        var cost = java.util.regex.Pattern.compile("switchboard_cost_usd_total\\{model=\"gpt-4.1\",provider=\"openai\"} ([0-9.Ee+-]+)")
                .matcher(metrics);
        assertThat(cost.find()).as(metrics).isTrue();
        assertThat(Double.parseDouble(cost.group(1))).isGreaterThanOrEqualTo(2.0);
        assertThat(metrics).doesNotContain(user.id()).doesNotContain(user.secret()).doesNotContain(OPENAI_KEY);
    }
}
