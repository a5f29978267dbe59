package dev.switchboard.gateway;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The paging of {@code GET /v1/responses/{id}/input_items}, as OpenAI pages it: {@code order} ({@code desc}, newest
 * first, by default), {@code limit} (1 to 100, 20 by default), {@code after} an item id; answered as a {@code list}
 * with {@code first_id}, {@code last_id} and {@code has_more}.
 */
record InputItemsPage(String order, Integer limit, String after) {

    InputItemsPage {
        order = order == null ? "desc" : order;
        limit = limit == null ? 20 : limit;
        if (!order.equals("asc") && !order.equals("desc")) {
            throw Refusal.invalid("order", "invalid_value", "'order' must be 'asc' or 'desc'.");
        }
        if (limit < 1 || limit > 100) {
            throw Refusal.invalid("limit", "invalid_value", "'limit' must be an integer from 1 to 100.");
        }
    }

    ObjectNode of(JsonMapper json, JsonNode items) {
        var ordered = new java.util.ArrayList<JsonNode>();
        items.forEach(ordered::add);
        if (order.equals("desc")) {
            java.util.Collections.reverse(ordered);
        }
        var from = 0;
        if (after != null) {
            while (from < ordered.size() && !after.equals(ordered.get(from).path("id").asString())) {
                from++;
            }
            from++;
        }
        var page = json.createObjectNode().put("object", "list");
        var data = page.putArray("data");
        for (var i = from; i < Math.min(ordered.size(), from + limit); i++) {
            data.add(ordered.get(i));
        }
        page.set("first_id", data.isEmpty() ? json.nullNode() : data.get(0).get("id"));
        page.set("last_id", data.isEmpty() ? json.nullNode() : data.get(data.size() - 1).get("id"));
        page.put("has_more", from + limit < ordered.size());
        return page;
    }
}
