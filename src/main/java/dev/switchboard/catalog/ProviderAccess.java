package dev.switchboard.catalog;

import dev.switchboard.access.Caller;

/**
 * Whether a caller can use a provider, i.e. holds a usable credential for it (its own key, the pool, the environment
 * fallback, or the request's BYOK header). Declared here so that the catalog can list "models you can use";
 * implemented by the vault, which knows the credentials.
 */
public interface ProviderAccess {

    boolean usable(Caller caller, Provider provider);
}
