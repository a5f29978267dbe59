package dev.switchboard.gateway;

/**
 * A named check that a call must pass, for one candidate, before anything is sent; its refusal's reason becomes the
 * error code and its message what the caller reads. The budget and rate-limit policies join the same list.
 */
interface CallPolicy {

    Decision<Void> check(CallRequest request, Candidate candidate);
}
