package dev.switchboard.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import dev.switchboard.access.LlmMode;
import dev.switchboard.vault.Credential;
import dev.switchboard.vault.CredentialRefused;
import dev.switchboard.vault.Credentials;
import org.springframework.stereotype.Component;

/**
 * The last check, because it may open a sealed key or resolve a BYOK base URL: a credential is available for the
 * candidate's provider (vault's order: BYOK header, own key, pool, environment). A pool key is taken with the call's
 * worst-case cost reserved against its limits. Unusable BYOK headers are a 400; a pool whose keys are all at a limit or
 * cooling down (and no environment key behind it) a 429 that says why and until when.
 */
@Component
class CredentialAvailable {

    private final Credentials credentials;
    private final WorstCase worstCase;

    CredentialAvailable(Credentials credentials, WorstCase worstCase) {
        this.credentials = credentials;
        this.worstCase = worstCase;
    }

    Decision<Credential> choose(CallRequest request, Candidate candidate, Set<String> excludedKeys) {
        try {
            var pinned = candidate.step() == null ? null : candidate.step().deployment().poolKeyId();
            return switch (credentials.choose(request.caller(), candidate.provider(), pinned, worstCase.nanos(request, candidate.model()), excludedKeys)) {
                case Credentials.Choice.Chosen(var credential) -> new Decision.Allowed<>(credential);
                case Credentials.Choice.None none when none.message() == null -> new Decision.Refused<>(keyMissing(request, candidate));
                case Credentials.Choice.None none -> new Decision.Refused<>(new Refusal(none.status(), none.reason(), null, none.message(),
                        secondsUntil(none.retryAt())));
            };
        } catch (CredentialRefused e) {
            return new Decision.Refused<>(Refusal.invalid(null, e.code(), e.getMessage()));
        }
    }

    private static Long secondsUntil(Instant when) {
        return when == null ? null : Math.max(1, Duration.between(Instant.now(), when).toSeconds() + 1);
    }

    private static Refusal keyMissing(CallRequest request, Candidate candidate) {
        var provider = candidate.provider();
        var own = "add your own " + provider.displayName() + " key (PATCH /api/users/me/api-key) or send it as X-BYOK-API-Key";
        var hint = request.caller().llmMode() == LlmMode.BYOK
                ? "You are in BYOK mode, so managed keys are not used: " + own + "."
                : "Set " + (provider.keyEnv() == null ? "its base URL" : provider.keyEnv()) + ", add a pool key, or " + own + ".";
        return Refusal.invalid("model", "provider_key_missing", "No API key is available for " + provider.displayName()
                + ", which serves '" + request.model() + "'. " + hint);
    }
}
