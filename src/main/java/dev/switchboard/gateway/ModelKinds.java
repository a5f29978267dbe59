package dev.switchboard.gateway;

import java.util.Map;

/** Each endpoint serves one kind of model; a model of another kind is refused with a 400 that names it. */
final class ModelKinds {

    static final String CHAT = "chat";
    static final String EMBEDDING = "embedding";
    static final String IMAGE = "image";

    private static final Map<String, String> ENDPOINTS = Map.of(CHAT, "/v1/chat/completions", EMBEDDING, "/v1/embeddings",
            IMAGE, "/v1/images/generations");

    private ModelKinds() {
    }

    static void require(Route route, String kind, String endpoint) {
        var actual = route.model().kind();
        if (kind.equals(actual)) {
            return;
        }
        var hint = ENDPOINTS.containsKey(actual) ? " Use " + ENDPOINTS.get(actual) + " for it." : "";
        throw GatewayException.invalid("model", "unsupported_model", "The model '" + route.model().name() + "' is "
                + (actual.equals(IMAGE) ? "an image" : "a" + (actual.equals(EMBEDDING) ? "n embedding" : " " + actual))
                + " model and cannot be used with " + endpoint + "." + hint);
    }
}
