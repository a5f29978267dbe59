package dev.switchboard.responses;

import java.time.Clock;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The {@code stored_responses} table. Every read names the owner, so another caller's id is the same as no id; a
 * response past its retention is gone for reads at once, and its row is deleted by the hourly sweep.
 */
@Service
public class StoredResponses {

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final ResponsesProperties properties;

    StoredResponses(NamedParameterJdbcTemplate jdbc, Clock clock, ResponsesProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** Keeps a response for its owner until the retention period has passed. */
    public void keep(String id, String ownerId, String previousResponseId, String inputItemsJson, String responseJson) {
        var now = clock.millis();
        jdbc.update("""
                INSERT INTO stored_responses (id, owner_id, previous_response_id, input_items, response, created_at, expires_at)
                VALUES (:id, :owner, :previous, :input, :response, :now, :expires)""", new MapSqlParameterSource()
                .addValue("id", id).addValue("owner", ownerId).addValue("previous", previousResponseId).addValue("input", inputItemsJson)
                .addValue("response", responseJson).addValue("now", now).addValue("expires", now + properties.retention().toMillis()));
    }

    /** The owner's response by id, unless it has expired; another owner's is not found. */
    public Optional<StoredResponse> find(String ownerId, String id) {
        return jdbc.query("""
                SELECT id, owner_id, previous_response_id, input_items, response, created_at FROM stored_responses
                WHERE id = :id AND owner_id = :owner AND expires_at > :now""", params(ownerId, id),
                (rs, i) -> new StoredResponse(rs.getString("id"), rs.getString("owner_id"), rs.getString("previous_response_id"),
                        rs.getString("input_items"), rs.getString("response"), rs.getLong("created_at"))).stream().findFirst();
    }

    /** Deletes the owner's response; false when there was none to delete. */
    public boolean delete(String ownerId, String id) {
        return jdbc.update("DELETE FROM stored_responses WHERE id = :id AND owner_id = :owner AND expires_at > :now", params(ownerId, id)) > 0;
    }

    /** Deletes every response past its retention; returns how many. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    public int sweep() {
        return jdbc.update("DELETE FROM stored_responses WHERE expires_at <= :now", new MapSqlParameterSource("now", clock.millis()));
    }

    private MapSqlParameterSource params(String ownerId, String id) {
        return new MapSqlParameterSource().addValue("id", id).addValue("owner", ownerId).addValue("now", clock.millis());
    }
}
