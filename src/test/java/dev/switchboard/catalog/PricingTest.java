package dev.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PricingTest extends GatewayTestSupport {

    @Test
    void shouldPublishRatesAndMultipliersWithoutAuthenticationOrSecrets() {
        var response = get("/api/pricing/providers");

        assertThat(response.statusCode()).isEqualTo(200);
        var providers = json(response);
        var github = find(providers, "github");
        assertThat(github.path("credit_multiplier").decimalValue()).isEqualByComparingTo("1.5");
        var openai = find(providers, "openai");
        var mini = find(openai.path("models"), "gpt-4o-mini");
        assertThat(mini.path("input_price_per_1m").decimalValue()).isEqualByComparingTo("0.15");
        assertThat(mini.path("output_price_per_1m").decimalValue()).isEqualByComparingTo("0.60");
        assertThat(find(providers, "anthropic").path("models").toString()).contains("claude-opus-4-6");
        assertThat(response.body()).doesNotContain(OPENAI_KEY).doesNotContain("base_url").doesNotContain("127.0.0.1");
    }

    private static JsonNode find(JsonNode array, String idOrName) {
        for (var node : array) {
            if (idOrName.equals(node.path("id").asString(null)) || idOrName.equals(node.path("name").asString(null))) {
                return node;
            }
        }
        throw new AssertionError(idOrName + " not in " + array);
    }
}
