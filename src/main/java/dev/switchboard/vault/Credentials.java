package dev.switchboard.vault;

import java.util.Optional;

import dev.switchboard.access.Caller;
import dev.switchboard.catalog.Provider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * Chooses the credential for a caller and a provider. The order is: a BYOK header key, the caller's own stored
 * key, the admin key pool, the {@code *_API_KEY} environment fallback. (Only the last exists so far; the others
 * take their places in {@link #resolve} as they are built.)
 */
@Service
public class Credentials {

    private final Environment environment;

    Credentials(Environment environment) {
        this.environment = environment;
    }

    public Optional<Credential> resolve(Caller caller, Provider provider) {
        if (!provider.requiresKey()) {
            return provider.baseUrlOverridden() ? Optional.of(new Credential(Credential.Kind.NONE, null, null)) : Optional.empty();
        }
        return environmentKey(provider);
    }

    /** Whether {@link #resolve} would find a credential: what decides which models a caller is shown. */
    public boolean usable(Caller caller, Provider provider) {
        return resolve(caller, provider).isPresent();
    }

    private Optional<Credential> environmentKey(Provider provider) {
        if (provider.keyEnv() == null) {
            return Optional.empty();
        }
        var key = environment.getProperty(provider.keyEnv());
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Credential(Credential.Kind.ENV, provider.keyEnv(), key.trim()));
    }
}
