package dev.switchboard.responses;

/**
 * One stored response: its id, owner, the response it continued (null for a first turn), its input items (a JSON array,
 * only those sent with it) and the {@code response} object as answered (JSON), and when it was made (epoch millis).
 */
public record StoredResponse(String id, String ownerId, String previousResponseId, String inputItemsJson, String responseJson,
                             long createdAtMillis) {
}
