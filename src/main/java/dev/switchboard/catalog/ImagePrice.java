package dev.switchboard.catalog;

/**
 * What one generated image costs for a model at a size and quality, in nano-USD ({@code 40_000_000} is $0.04).
 * Image models are billed per image from these rows, never per token.
 */
public record ImagePrice(String modelId, String size, String quality, long perImageNanoUsd) {

    public ImagePrice {
        if (perImageNanoUsd < 0) {
            throw new IllegalArgumentException("prices cannot be negative");
        }
    }
}
