package dev.switchboard.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An echoed key is masked in every form an upstream writes it back in; text that is not the key is left alone. */
class SecretMaskTest {

    private static final String KEY = "sk-test-Ab3/De+fGh=ij_kL9mN0pQrStUv";

    @ParameterizedTest
    @ValueSource(strings = {"verbatim", "upper", "lower", "url", "percent", "base64", "base64url", "basic", "head", "tail", "middle"})
    void shouldMaskTheKeyInEveryForm(String form) {
        var echoed = switch (form) {
            case "verbatim" -> KEY;
            case "upper" -> KEY.toUpperCase(Locale.ROOT);
            case "lower" -> KEY.toLowerCase(Locale.ROOT);
            case "url" -> URLEncoder.encode(KEY, StandardCharsets.UTF_8);
            case "percent" -> percentEncoded(KEY);
            case "base64" -> Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8));
            case "base64url" -> Base64.getUrlEncoder().withoutPadding().encodeToString(KEY.getBytes(StandardCharsets.UTF_8));
            case "basic" -> Base64.getEncoder().encodeToString(("apikey:" + KEY).getBytes(StandardCharsets.UTF_8));
            case "head" -> KEY.substring(0, 10) + "...";
            case "tail" -> "..." + KEY.substring(KEY.length() - 8);
            default -> KEY.substring(9, 19);
        };

        var cleaned = SecretMask.clean("Invalid API key: " + echoed + " (check your plan)", List.of(KEY));

        assertThat(cleaned).startsWith("Invalid API key: ").endsWith(" (check your plan)").contains("****");
        // what is left is at most a few characters of the key, or (Basic credentials) the encoded user name before it
        var left = cleaned.replace("Invalid API key: ", "").replace(" (check your plan)", "").replace("****", "").replace("...", "")
                .replace("YXBpa2V5On", "");
        assertThat(left.length()).as(cleaned).isLessThan(SecretMask.MIN_RUN);
    }

    @Test
    void shouldLeaveTextWithoutTheKeyAlone() {
        var text = "Rate limit reached for gpt-4o in organization org-123 on tokens per min (TPM): Limit 30000.";

        assertThat(SecretMask.clean(text, List.of(KEY))).isEqualTo(text);
        assertThat(SecretMask.clean("short sk-test", List.of(KEY))).isEqualTo("short sk-test");
    }

    private static String percentEncoded(String text) {
        var out = new StringBuilder();
        for (var b : text.getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(String.format("%02X", b));
        }
        return out.toString();
    }
}
