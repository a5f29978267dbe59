package dev.switchboard.provider.openai;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.upstream.openrouter.*}: OpenRouter's optional attribution headers, {@code HTTP-Referer} (none by
 * default) and {@code X-Title} ({@code Switchboard} by default; blank sends none).
 */
@ConfigurationProperties("switchboard.upstream.openrouter")
record OpenRouterAttribution(String httpReferer, String title) {

    OpenRouterAttribution {
        httpReferer = httpReferer == null ? "" : httpReferer;
        title = title == null ? "Switchboard" : title;
    }
}
