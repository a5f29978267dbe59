package dev.switchboard.provider;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Service;

/** The registry of embedding and image adapters by wire format; a format without one is an invalid request. */
@Service
public class MediaAdapters {

    private final Map<WireFormat, EmbeddingAdapter> embeddings = new EnumMap<>(WireFormat.class);
    private final Map<WireFormat, ImageAdapter> images = new EnumMap<>(WireFormat.class);

    MediaAdapters(List<EmbeddingAdapter> embeddingAdapters, List<ImageAdapter> imageAdapters) {
        embeddingAdapters.forEach(adapter -> embeddings.put(adapter.wireFormat(), adapter));
        imageAdapters.forEach(adapter -> images.put(adapter.wireFormat(), adapter));
    }

    public EmbeddingAdapter embeddings(WireFormat format) {
        return require(embeddings.get(format), format, "embeddings");
    }

    public ImageAdapter images(WireFormat format) {
        return require(images.get(format), format, "image generation");
    }

    private static <T> T require(T adapter, WireFormat format, String what) {
        if (adapter == null) {
            throw ProviderException.notSent("The " + format.name().toLowerCase(Locale.ROOT) + " wire format does not offer " + what);
        }
        return adapter;
    }
}
