package dev.switchboard.vault;

import dev.switchboard.catalog.Provider;
import dev.switchboard.catalog.ProviderKeyStatus;
import org.springframework.stereotype.Component;

/** The vault's answer to the admin catalog's "which managed keys does this provider have", without opening any of them. */
@Component
class ProviderKeyCounts implements ProviderKeyStatus {

    private final EnvironmentKeys environmentKeys;
    private final KeyPool pool;

    ProviderKeyCounts(EnvironmentKeys environmentKeys, KeyPool pool) {
        this.environmentKeys = environmentKeys;
        this.pool = pool;
    }

    @Override
    public boolean hasEnvKey(Provider provider) {
        return provider.keyEnv() != null && environmentKeys.key(provider.keyEnv()).isPresent();
    }

    @Override
    public int poolKeys(String providerId) {
        return pool.keyCount(providerId);
    }
}
