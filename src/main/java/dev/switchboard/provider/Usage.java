package dev.switchboard.provider;

/**
 * Tokens as the upstream reported them. {@code inputTokens} includes {@code cachedInputTokens} (OpenAI's convention);
 * adapters for providers that count them apart add them up.
 */
public record Usage(long inputTokens, long outputTokens, long cachedInputTokens) {

    public static final Usage NONE = new Usage(0, 0, 0);

    public Usage {
        if (inputTokens < 0 || outputTokens < 0 || cachedInputTokens < 0 || cachedInputTokens > inputTokens) {
            throw new IllegalArgumentException("impossible token counts: " + inputTokens + "/" + outputTokens + "/" + cachedInputTokens);
        }
    }
}
