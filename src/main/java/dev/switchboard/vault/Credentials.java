package dev.switchboard.vault;

import java.util.Optional;

import dev.switchboard.access.Caller;
import dev.switchboard.access.LlmMode;
import dev.switchboard.catalog.Provider;
import dev.switchboard.catalog.ProviderAccess;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * Chooses the credential for a caller and a provider, in this order:
 * <ol>
 * <li>the request's {@code X-BYOK-API-Key} (with its checked {@code X-BYOK-Base-URL}): when sent, the call is served
 * with it or fails, never with anything else;</li>
 * <li>the caller's own stored key for that provider (it serves only that user);</li>
 * <li>the admin key pool (not built yet: {@link #adminPoolKey} finds nothing);</li>
 * <li>the {@code *_API_KEY} environment fallback.</li>
 * </ol>
 * A caller in {@link LlmMode#BYOK} stops after step 2: it never falls back to managed keys (pool, environment, nor
 * providers that an admin set up without a key). Empty means "no credential": the caller is told to set a key.
 */
@Service
public class Credentials implements ProviderAccess {

    private final Environment environment;
    private final UserKeys userKeys;

    Credentials(Environment environment, UserKeys userKeys) {
        this.environment = environment;
        this.userKeys = userKeys;
    }

    /** The credential for this call; {@link CredentialRefused} when the request's own BYOK headers cannot be used. */
    public Optional<Credential> resolve(Caller caller, Provider provider) {
        if (caller.byok().present()) {
            return Optional.of(byokHeader(caller, provider));
        }
        var own = userKeys.credential(caller.userId(), provider.id());
        if (own.isPresent() || caller.llmMode() == LlmMode.BYOK) {
            return own;
        }
        return adminPoolKey(provider).or(() -> managedWithoutPool(provider));
    }

    /** Whether {@link #resolve} would find a credential: what decides which models a caller is shown. */
    @Override
    public boolean usable(Caller caller, Provider provider) {
        if (caller.byok().present()) {
            return caller.byok().apiKey() != null || !provider.requiresKey();
        }
        if (userKeys.has(caller.userId(), provider.id())) {
            return true;
        }
        return caller.llmMode() != LlmMode.BYOK && (adminPoolKey(provider).isPresent() || managedWithoutPool(provider).isPresent());
    }

    private static Credential byokHeader(Caller caller, Provider provider) {
        var header = caller.byok();
        if (header.apiKey() == null && provider.requiresKey()) {
            throw new CredentialRefused("byok_key_missing", "X-BYOK-Base-URL was sent without X-BYOK-API-Key.");
        }
        var baseUrl = header.baseUrl() == null ? null : BaseUrlGuard.check(header.baseUrl(), provider);
        if (baseUrl == null && !provider.requiresKey() && !provider.baseUrlOverridden()) {
            throw new CredentialRefused("byok_base_url_missing", provider.displayName() + " needs X-BYOK-Base-URL with a BYOK request.");
        }
        return new Credential(Credential.Kind.BYOK_HEADER, null, header.apiKey(), baseUrl);
    }

    /** Step 3, the admin key pool: a later issue builds it; until then it never has a key. */
    private Optional<Credential> adminPoolKey(Provider provider) {
        return Optional.empty();
    }

    /** Step 4: the environment fallback key, or no key at all for a keyless provider the admin pointed somewhere. */
    private Optional<Credential> managedWithoutPool(Provider provider) {
        if (!provider.requiresKey()) {
            return provider.baseUrlOverridden() ? Optional.of(new Credential(Credential.Kind.NONE, null, null)) : Optional.empty();
        }
        return environmentKey(provider);
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
