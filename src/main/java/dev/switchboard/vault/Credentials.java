package dev.switchboard.vault;

import java.util.Optional;

import dev.switchboard.access.Caller;
import dev.switchboard.access.LlmMode;
import dev.switchboard.catalog.Provider;
import dev.switchboard.catalog.ProviderAccess;
import org.springframework.stereotype.Service;

/**
 * Chooses the credential for a caller and a provider, in this order:
 * <ol>
 * <li>the request's {@code X-BYOK-API-Key} (with its checked {@code X-BYOK-Base-URL}): when sent, the call is served
 * with it or fails, never with anything else;</li>
 * <li>the caller's own stored key for that provider (it serves only that user);</li>
 * <li>the admin key pool (not built yet: it never has a key);</li>
 * <li>the {@code *_API_KEY} environment fallback.</li>
 * </ol>
 * A caller in {@link LlmMode#BYOK} stops after step 2: it never falls back to managed keys (pool, environment, nor
 * providers that an admin set up without a key). The order is decided once, in {@link #source}, without opening a
 * secret or resolving an address; {@link #resolve} opens what it chose and {@link #usable} only asks whether it chose.
 */
@Service
public class Credentials implements ProviderAccess {

    private final EnvironmentKeys environmentKeys;
    private final UserKeys userKeys;

    Credentials(EnvironmentKeys environmentKeys, UserKeys userKeys) {
        this.environmentKeys = environmentKeys;
        this.userKeys = userKeys;
    }

    /**
     * The credential for this call; empty when the caller has none for the provider. {@link CredentialRefused} when the
     * request's own BYOK headers cannot be used (no key for a provider that needs one, a refused base URL).
     */
    public Optional<Credential> resolve(Caller caller, Provider provider) {
        var source = source(caller, provider);
        if (source.isEmpty() && caller.byok().present()) {
            throw new CredentialRefused("byok_key_missing", "X-BYOK-Base-URL was sent without X-BYOK-API-Key.");
        }
        return source.flatMap(kind -> open(kind, caller, provider));
    }

    /** Whether {@link #resolve} would find a credential: what decides which models a caller is shown. */
    @Override
    public boolean usable(Caller caller, Provider provider) {
        return source(caller, provider).isPresent();
    }

    private Optional<Credential.Kind> source(Caller caller, Provider provider) {
        if (caller.byok().present()) {
            return caller.byok().apiKey() != null || !provider.requiresKey() ? Optional.of(Credential.Kind.BYOK_HEADER) : Optional.empty();
        }
        if (userKeys.has(caller.userId(), provider.id())) {
            return Optional.of(Credential.Kind.USER_KEY);
        }
        if (caller.llmMode() == LlmMode.BYOK) {
            return Optional.empty();
        }
        if (!provider.requiresKey()) {
            return provider.baseUrlOverridden() ? Optional.of(Credential.Kind.NONE) : Optional.empty();
        }
        return environmentKey(provider).isPresent() ? Optional.of(Credential.Kind.ENV) : Optional.empty();
    }

    private Optional<Credential> open(Credential.Kind kind, Caller caller, Provider provider) {
        return switch (kind) {
            case BYOK_HEADER -> Optional.of(byokHeader(caller, provider));
            case USER_KEY -> userKeys.credential(caller.userId(), provider.id());
            case POOL -> Optional.empty();
            case ENV -> environmentKey(provider).map(key -> new Credential(Credential.Kind.ENV, provider.keyEnv(), key));
            case NONE -> Optional.of(new Credential(Credential.Kind.NONE, null, null));
        };
    }

    private static Credential byokHeader(Caller caller, Provider provider) {
        var header = caller.byok();
        var baseUrl = header.baseUrl() == null ? null : BaseUrlGuard.check(header.baseUrl(), provider);
        if (baseUrl == null && !provider.requiresKey() && !provider.baseUrlOverridden()) {
            throw new CredentialRefused("byok_base_url_missing", provider.displayName() + " needs X-BYOK-Base-URL with a BYOK request.");
        }
        return new Credential(Credential.Kind.BYOK_HEADER, null, header.apiKey(), baseUrl);
    }

    private Optional<String> environmentKey(Provider provider) {
        return provider.keyEnv() == null ? Optional.empty() : environmentKeys.key(provider.keyEnv());
    }
}
