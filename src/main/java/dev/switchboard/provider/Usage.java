package dev.switchboard.provider;

import dev.switchboard.provider.ProviderException.Kind;
import tools.jackson.databind.JsonNode;

/**
 * Tokens as the upstream reported them. {@code inputTokens} includes {@code cachedInputTokens} (read from a prompt
 * cache, OpenAI's convention) and {@code cacheWriteTokens} (written to one, which Anthropic bills above the input
 * price), of which {@code longCacheWriteTokens} were written for an hour (billed higher again); adapters for providers
 * that count them apart add them up. Adapters build it with {@link #reported}, which turns a
 * count no real call can have into the provider's failure ({@link Kind#MALFORMED_ANSWER}) instead of a bill.
 */
public record Usage(long inputTokens, long outputTokens, long cachedInputTokens, long cacheWriteTokens, long longCacheWriteTokens) {

    public static final Usage NONE = new Usage(0, 0, 0);
    /**
     * More tokens than any single call can plausibly use (today's largest context windows are a few million): a count
     * above it is a broken or hostile answer, and billing it could overflow the cost arithmetic.
     */
    public static final long MAX_TOKENS = 1_000_000_000L;

    public Usage {
        if (inputTokens < 0 || outputTokens < 0 || cachedInputTokens < 0 || cacheWriteTokens < 0 || longCacheWriteTokens < 0
                || cachedInputTokens + cacheWriteTokens > inputTokens || longCacheWriteTokens > cacheWriteTokens) {
            throw new IllegalArgumentException("impossible token counts: " + inputTokens + "/" + outputTokens + "/" + cachedInputTokens
                    + "/" + cacheWriteTokens + "/" + longCacheWriteTokens);
        }
    }

    /** Usage whose cache writes are all for the default five minutes. */
    public Usage(long inputTokens, long outputTokens, long cachedInputTokens, long cacheWriteTokens) {
        this(inputTokens, outputTokens, cachedInputTokens, cacheWriteTokens, 0);
    }

    /** Usage without cache writes (every provider but Anthropic). */
    public Usage(long inputTokens, long outputTokens, long cachedInputTokens) {
        this(inputTokens, outputTokens, cachedInputTokens, 0);
    }

    /** Counts read from an upstream's answer: each between 0 and {@link #MAX_TOKENS}; cached input at most the input. */
    public static Usage reported(long inputTokens, long outputTokens, long cachedInputTokens) {
        if (outOfRange(inputTokens) || outOfRange(outputTokens) || outOfRange(cachedInputTokens)) {
            throw impossible(inputTokens + " input, " + outputTokens + " output, " + cachedInputTokens + " cached tokens");
        }
        return new Usage(inputTokens, outputTokens, Math.min(cachedInputTokens, inputTokens));
    }

    /**
     * Counts read from an answer that reports cache writes too (and how many of them were for an hour); both cache
     * counts together at most the input, the hour's writes at most the writes.
     */
    public static Usage reported(long inputTokens, long outputTokens, long cachedInputTokens, long cacheWriteTokens,
                                 long longCacheWriteTokens) {
        var usage = reported(inputTokens, outputTokens, cachedInputTokens);
        if (outOfRange(cacheWriteTokens) || outOfRange(longCacheWriteTokens)) {
            throw impossible(cacheWriteTokens + " cache write tokens, " + longCacheWriteTokens + " of them for an hour");
        }
        var writes = Math.min(cacheWriteTokens, usage.inputTokens() - usage.cachedInputTokens());
        return new Usage(usage.inputTokens(), outputTokens, usage.cachedInputTokens(), writes, Math.min(longCacheWriteTokens, writes));
    }

    /**
     * A token count at {@code node}: 0 when absent or null; an integer that fits a {@code long} otherwise (a fraction,
     * a string or a 100-digit number is a malformed answer). Each count is at most {@link #MAX_TOKENS}, so sums of a few cannot overflow.
     */
    public static long count(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw impossible("a token count of " + abbreviated(node.toString()));
        }
        var tokens = node.longValue();
        if (outOfRange(tokens)) {
            throw impossible("a token count of " + tokens);
        }
        return tokens;
    }

    private static boolean outOfRange(long tokens) {
        return tokens < 0 || tokens > MAX_TOKENS;
    }

    private static ProviderException impossible(String what) {
        return new ProviderException(Kind.MALFORMED_ANSWER, 200, "The provider reported an impossible usage (" + what + ")", null);
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
