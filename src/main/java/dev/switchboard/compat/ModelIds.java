package dev.switchboard.compat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.switchboard.catalog.Catalog;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code /v2} clients know models and providers by UUID ({@code "model_id": "564e8710-…"}). Each is the name-based
 * UUID (version 3) of {@code switchboard/model/<catalog id>} or {@code switchboard/provider/<id>}: derived, never
 * stored, so it is the same after a restart and on every instance, and a model renamed by an admin keeps it (its
 * catalog id does not change).
 */
@Component
class ModelIds {

    private final Catalog catalog;

    ModelIds(Catalog catalog) {
        this.catalog = catalog;
    }

    static UUID ofModel(String catalogId) {
        return UUID.nameUUIDFromBytes(("switchboard/model/" + catalogId).getBytes(StandardCharsets.UTF_8));
    }

    static UUID ofProvider(String providerId) {
        return UUID.nameUUIDFromBytes(("switchboard/provider/" + providerId).getBytes(StandardCharsets.UTF_8));
    }

    /** The catalog id a {@code /v2} model id stands for; anything that is not one of ours is passed on as it came. */
    String catalogId(String v2Id) {
        return catalog.allModels().stream().filter(m -> ofModel(m.id()).toString().equalsIgnoreCase(v2Id))
                .map(dev.switchboard.catalog.Model::id).findFirst().orElse(v2Id);
    }

    /** The model name a {@code /v2} model id (UUID, catalog id or name) stands for, which the conversation routes take. */
    String name(String v2Id) {
        var catalogId = catalogId(v2Id);
        return catalog.allModels().stream().filter(m -> m.id().equals(catalogId)).map(dev.switchboard.catalog.Model::name)
                .findFirst().orElse(v2Id);
    }

    /** The UUID of the model of that name; the name itself for one the catalog does not know (any more). */
    String uuidOfName(String name) {
        return catalog.allModels().stream().filter(m -> m.name().equals(name)).map(m -> ofModel(m.id()).toString())
                .findFirst().orElse(name);
    }

    /** {@code {"data": [...], "count"}} with every model's ids as UUIDs. */
    JsonNode page(JsonNode page) {
        if (page instanceof ObjectNode object && object.path("data").isArray()) {
            object.path("data").forEach(this::model);
        }
        return page;
    }

    /** One model with UUIDs: {@code id}, {@code provider_id}; the catalog's ids stay in {@code catalog_id} and {@code provider}. */
    JsonNode model(JsonNode model) {
        if (model instanceof ObjectNode m && m.path("id").isString()) {
            var catalogId = m.path("id").stringValue();
            m.put("id", ofModel(catalogId).toString());
            m.put("catalog_id", catalogId);
            if (m.path("provider_id").isString()) {
                var provider = m.path("provider_id").stringValue();
                m.put("provider", provider);
                m.put("provider_id", ofProvider(provider).toString());
            }
        }
        return model;
    }
}
