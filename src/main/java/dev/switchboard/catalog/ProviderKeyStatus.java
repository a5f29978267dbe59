package dev.switchboard.catalog;

/**
 * What managed keys a provider has, for the admin's view: whether its {@code *_API_KEY} environment fallback is set and
 * how many admin pool keys it holds. Never a key, nor any part of one. Declared here for the admin catalog; implemented
 * by the vault, which knows the keys.
 */
public interface ProviderKeyStatus {

    boolean hasEnvKey(Provider provider);

    int poolKeys(String providerId);
}
