package dev.switchboard.provider;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * The one JTokkit registry of the process: an encoding's tables are large (o200k_base holds about 40 MB of heap), so
 * every feature that counts tokens (the gateway's worst case, conversations' trimming) shares each table instead of
 * loading its own. Lazy: a table is loaded when first asked for.
 */
public final class Tokenizers {

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private Tokenizers() {
    }

    /** OpenAI's current encoding, the estimate for every model whose own tokenizer is not public. */
    public static Encoding o200k() {
        return REGISTRY.getEncoding(EncodingType.O200K_BASE);
    }

    /** The model's own encoding when JTokkit knows it (OpenAI's models), else {@link #o200k()}. */
    public static Encoding forModel(String upstreamModel) {
        return REGISTRY.getEncodingForModel(upstreamModel).orElseGet(Tokenizers::o200k);
    }
}
