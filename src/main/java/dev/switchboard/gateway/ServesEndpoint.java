package dev.switchboard.gateway;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Each endpoint serves one kind of model; a model of another kind is refused with a 400 that names the right endpoint. */
@Component
@Order(10)
class ServesEndpoint implements CallPolicy {

    @Override
    public Decision<Void> check(CallRequest request, Candidate candidate) {
        var model = candidate.model();
        var endpoint = request.endpoint();
        if (endpoint.modelKind().equals(model.kind())) {
            return Decision.allowed();
        }
        var serving = Endpoint.servingKind(model.kind());
        var hint = serving == null ? "" : " Use " + serving.path() + " for it.";
        var article = model.kind().matches("^[aeiou].*") ? "an " : "a ";
        return new Decision.Refused<>(Refusal.invalid("model", "unsupported_model", "The model '" + model.name() + "' is "
                + article + model.kind() + " model and cannot be used with " + endpoint.path() + "." + hint));
    }
}
