package dev.switchboard.gateway;

import dev.switchboard.access.LlmMode;
import dev.switchboard.vault.Credential;
import dev.switchboard.vault.CredentialRefused;
import dev.switchboard.vault.Credentials;
import org.springframework.stereotype.Component;

/**
 * The last check, because it may open a sealed key or resolve a BYOK base URL: a credential is available for the
 * candidate's provider (vault's order: BYOK header, own key, pool, environment). Unusable BYOK headers are a 400.
 */
@Component
class CredentialAvailable {

    private final Credentials credentials;

    CredentialAvailable(Credentials credentials) {
        this.credentials = credentials;
    }

    Decision<Credential> choose(CallRequest request, Candidate candidate) {
        try {
            return credentials.resolve(request.caller(), candidate.provider())
                    .<Decision<Credential>>map(Decision.Allowed::new)
                    .orElseGet(() -> new Decision.Refused<>(keyMissing(request, candidate)));
        } catch (CredentialRefused e) {
            return new Decision.Refused<>(Refusal.invalid(null, e.code(), e.getMessage()));
        }
    }

    private static Refusal keyMissing(CallRequest request, Candidate candidate) {
        var provider = candidate.provider();
        var own = "add your own " + provider.displayName() + " key (PATCH /api/users/me/api-key) or send it as X-BYOK-API-Key";
        var hint = request.caller().llmMode() == LlmMode.BYOK
                ? "You are in BYOK mode, so managed keys are not used: " + own + "."
                : "Set " + (provider.keyEnv() == null ? "its base URL" : provider.keyEnv()) + " or " + own + ".";
        return Refusal.invalid("model", "provider_key_missing", "No API key is available for " + provider.displayName()
                + ", which serves '" + request.model() + "'. " + hint);
    }
}
