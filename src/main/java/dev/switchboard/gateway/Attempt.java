package dev.switchboard.gateway;

import dev.switchboard.budget.Reservation;
import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.provider.WireFormat;
import dev.switchboard.vault.Credential;
import tools.jackson.databind.node.ObjectNode;

/**
 * One try at serving a call: a candidate, the credential chosen for it and the budgets' {@link Reservation} of its
 * worst-case cost. A credential that brings its own base URL (a checked {@code X-BYOK-Base-URL}) sends the call there
 * instead of to the provider's.
 */
record Attempt(CallRequest request, Candidate candidate, Credential credential, Reservation reservation) {

    Attempt {
        reservation = reservation == null ? Reservation.NONE : reservation;
    }

    /** An attempt that reserves nothing (an admin's test of a key). */
    Attempt(CallRequest request, Candidate candidate, Credential credential) {
        this(request, candidate, credential, Reservation.NONE);
    }

    UpstreamTarget target() {
        var provider = candidate.provider();
        var baseUrl = credential.baseUrl() != null ? credential.baseUrl() : provider.baseUrl();
        return new UpstreamTarget(provider.id(), baseUrl, credential.apiKey(), candidate.model().upstreamModel());
    }

    WireFormat wireFormat() {
        return candidate.provider().wireFormat();
    }

    /** The request's body for this attempt: a fresh copy naming the provider's own model id, without Switchboard's own fields. */
    ObjectNode body() {
        var body = request.body();
        body.put("model", candidate.model().upstreamModel());
        body.remove("fallbacks");
        return body;
    }

    /** The model's name as the answer shows it: as the caller wrote it, or the fallback's name when a fallback serves. */
    String servedModelName() {
        return candidate.step() != null && candidate.step().fallback() ? candidate.model().name() : request.model();
    }
}
