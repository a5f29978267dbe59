package dev.switchboard.provider;

import java.util.concurrent.CompletableFuture;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * The one JTokkit registry of the process: an encoding's tables are large (o200k_base holds about 40 MB of heap), so
 * every feature that counts tokens (the gateway's worst case, conversations' trimming) shares each table instead of
 * loading its own. Lazy: a table is loaded when first asked for, but {@code o200k_base}, which the gateway's worst case
 * needs on its first call, starts loading on a thread of its own as soon as this class is first used (at start-up):
 * about 0.2 s of CPU that start-up need not wait for.
 */
public final class Tokenizers {

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private static final CompletableFuture<Encoding> O200K = new CompletableFuture<>();

    static {
        Thread.ofVirtual().name("o200k-loader").start(() -> {
            try {
                O200K.complete(REGISTRY.getEncoding(EncodingType.O200K_BASE));
            } catch (Throwable e) {
                O200K.completeExceptionally(e);
            }
        });
    }

    private Tokenizers() {
    }

    /** OpenAI's current encoding, the estimate for every model whose own tokenizer is not public. */
    public static Encoding o200k() {
        return O200K.join();
    }

    /** Starts loading {@code o200k_base} (by loading this class), so that the first {@link #o200k()} finds it sooner. */
    public static void preload() {
        // the static initializer has started it
    }

    /** The model's own encoding when JTokkit knows it (OpenAI's models), else {@link #o200k()}. */
    public static Encoding forModel(String upstreamModel) {
        return REGISTRY.getEncodingForModel(upstreamModel).orElseGet(Tokenizers::o200k);
    }
}
