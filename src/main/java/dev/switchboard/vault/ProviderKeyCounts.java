package dev.switchboard.vault;

import dev.switchboard.catalog.Provider;
import dev.switchboard.catalog.ProviderKeyStatus;
import org.springframework.stereotype.Component;

/** The vault's answer to the admin catalog's "which managed keys does this provider have", without opening any of them. */
@Component
class ProviderKeyCounts implements ProviderKeyStatus {

    private final EnvironmentKeys environmentKeys;

    ProviderKeyCounts(EnvironmentKeys environmentKeys) {
        this.environmentKeys = environmentKeys;
    }

    @Override
    public boolean hasEnvKey(Provider provider) {
        return provider.keyEnv() != null && environmentKeys.key(provider.keyEnv()).isPresent();
    }

    /** Always 0: the pool is not built yet. */
    @Override
    public int poolKeys(String providerId) {
        return 0;
    }
}
