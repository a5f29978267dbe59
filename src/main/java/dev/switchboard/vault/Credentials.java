package dev.switchboard.vault;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

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
 * <li>the admin {@link KeyPool}: a key whose limits fit the call's worst-case cost, reserved until the call settles;</li>
 * <li>the {@code *_API_KEY} environment fallback, when no pool key can serve.</li>
 * </ol>
 * A caller in {@link LlmMode#BYOK} stops after step 2: it never falls back to managed keys (pool, environment, nor
 * providers that an admin set up without a key). The order is decided once, in {@link #source}, without opening a
 * secret or resolving an address; {@link #choose} opens what it chose and {@link #usable} only asks whether it chose.
 */
@Service
public class Credentials implements ProviderAccess {

    private final EnvironmentKeys environmentKeys;
    private final UserKeys userKeys;
    private final KeyPool pool;

    Credentials(EnvironmentKeys environmentKeys, UserKeys userKeys, KeyPool pool) {
        this.environmentKeys = environmentKeys;
        this.userKeys = userKeys;
        this.pool = pool;
    }

    /** The credential chosen for one attempt, or why there is none. */
    public sealed interface Choice {

        record Chosen(Credential credential) implements Choice {
        }

        /** No credential: {@code reason} is the error code, {@code retryAt} when one may be available again (null: unknown). */
        record None(int status, String reason, String message, Instant retryAt) implements Choice {
        }
    }

    /**
     * The credential for one attempt of a call whose worst-case cost is {@code worstCaseNanos}, skipping the pool keys in
     * {@code excludedKeys} (already tried for this call). {@link CredentialRefused} when the request's own BYOK headers
     * cannot be used (no key for a provider that needs one, a refused base URL). A chosen pool key must be
     * {@link #settle settled}.
     */
    public Choice choose(Caller caller, Provider provider, long worstCaseNanos, Set<String> excludedKeys) {
        return choose(caller, provider, null, worstCaseNanos, excludedKeys);
    }

    /**
     * The same for a deployment pinned to one pool key ({@code pinnedKey}, null: none): a call on managed keys is served
     * with that key or not at all (no other pool key, nor the environment's); the caller's own keys still come first.
     */
    public Choice choose(Caller caller, Provider provider, String pinnedKey, long worstCaseNanos, Set<String> excludedKeys) {
        var source = source(caller, provider);
        if (pinnedKey != null && source.isPresent() && (source.get() == Credential.Kind.POOL || source.get() == Credential.Kind.ENV)) {
            return switch (pool.acquire(provider, pinnedKey, worstCaseNanos, excludedKeys)) {
                case KeyPool.Choice.Leased(var credential) -> new Choice.Chosen(credential);
                case KeyPool.Choice.Unavailable(var why, var until) ->
                        new Choice.None(429, "pool_keys_unavailable", "The pool key this deployment is pinned to cannot serve: " + why, until);
            };
        }
        if (source.isEmpty() && caller.byok().present()) {
            throw new CredentialRefused("byok_key_missing", "X-BYOK-Base-URL was sent without X-BYOK-API-Key.");
        }
        if (source.isEmpty()) {
            return new Choice.None(400, "provider_key_missing", null, null);
        }
        if (source.get() == Credential.Kind.POOL) {
            return switch (pool.acquire(provider, worstCaseNanos, excludedKeys)) {
                case KeyPool.Choice.Leased(var credential) -> new Choice.Chosen(credential);
                case KeyPool.Choice.Unavailable(var why, var until) -> managedWithoutPool(provider)
                        .map(kind -> open(kind, caller, provider))
                        .flatMap(c -> c)
                        .<Choice>map(Choice.Chosen::new)
                        .orElseGet(() -> new Choice.None(429, "pool_keys_unavailable", why, until));
            };
        }
        return open(source.get(), caller, provider).<Choice>map(Choice.Chosen::new)
                .orElseGet(() -> new Choice.None(400, "provider_key_missing", null, null));
    }

    /** Books how a call with this credential ended: a pool key's spending, statistics and health. */
    public void settle(Credential credential, KeyOutcome outcome, long costNanos, Long retryAfterSeconds) {
        if (credential.lease() != null) {
            pool.settle(credential.lease(), outcome, costNanos, retryAfterSeconds);
        }
    }

    /** Whether {@link #choose} would find a credential: what decides which models a caller is shown. */
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
        if (pool.hasKeys(provider.id()) && (pool.hasUsable(provider.id()) || managedWithoutPool(provider).isEmpty())) {
            return Optional.of(Credential.Kind.POOL);
        }
        return managedWithoutPool(provider);
    }

    /** After the pool: the environment's key, or no key at all for a keyless provider the admin pointed somewhere. */
    private Optional<Credential.Kind> managedWithoutPool(Provider provider) {
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

    /** Whether the provider's {@code *_API_KEY} fallback is set (never the key itself). */
    public boolean hasEnvironmentKey(Provider provider) {
        return environmentKey(provider).isPresent();
    }
}
