package dev.switchboard.prompt;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.switchboard.gateway.Refusal;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The templates and their versions, in SQL that SQLite and PostgreSQL both run; declared variables kept as JSON. */
@Component
class Templates {

    private static final TypeReference<List<Template.Variable>> VARIABLES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final JsonMapper json;

    Templates(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.json = json;
    }

    /**
     * A new template with its first version; a name already taken (by anyone: names are unique) is a 409. SQLite's
     * driver reports the unique violation uncategorised, so the name is looked up when an insert fails.
     */
    Template create(String name, String type, String description, String ownerUserId, String ownerClientId, Template.Version first) {
        var id = UUID.randomUUID().toString();
        var now = clock.millis();
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.sql("""
                        INSERT INTO prompt_templates (id, name, type, description, owner_user_id, owner_client_id, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""").params(id, name, type, description, ownerUserId, ownerClientId, now, now).update();
                insert(id, 1, first, now);
            });
        } catch (DataAccessException e) {
            throw named(name).isPresent() ? nameTaken(name) : e;
        }
        return find(id).orElseThrow();
    }

    static Refusal nameTaken(String name) {
        return new Refusal(409, "template_name_taken", "name", "A prompt template named '" + name + "' exists already.");
    }

    Optional<Template> find(String id) {
        return one("WHERE id = ?", id);
    }

    Optional<Template> named(String name) {
        return one("WHERE name = ?", name);
    }

    /** System templates and the caller's own (a user's, or an API client's), by name. */
    List<Template> visibleTo(String userId, String clientId) {
        var rows = jdbc.sql("""
                        SELECT * FROM prompt_templates WHERE (owner_user_id IS NULL AND owner_client_id IS NULL)
                            OR owner_user_id = ? OR owner_client_id = ? ORDER BY name""")
                .params(userId, clientId).query(Templates::row).list();
        return rows.stream().map(r -> r.with(versions(r.id()))).toList();
    }

    /** Adds the next version (numbered after the last) and answers its number. */
    int addVersion(String id, Template.Version version) {
        return transactions.execute(status -> {
            var next = jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM prompt_versions WHERE template_id = ?").param(id)
                    .query(Integer.class).single() + 1;
            var now = clock.millis();
            insert(id, next, version, now);
            jdbc.sql("UPDATE prompt_templates SET updated_at = ? WHERE id = ?").params(now, id).update();
            return next;
        });
    }

    /** A version's weight and whether it is in the draw: all that may change about it. */
    void setDraw(String id, int version, int weight, boolean active) {
        jdbc.sql("UPDATE prompt_versions SET weight = ?, active = ? WHERE template_id = ? AND version = ?")
                .params(weight, active, id, version).update();
    }

    void update(String id, String name, String type, String description) {
        try {
            jdbc.sql("UPDATE prompt_templates SET name = ?, type = ?, description = ?, updated_at = ? WHERE id = ?")
                    .params(name, type, description, clock.millis(), id).update();
        } catch (DataAccessException e) {
            throw named(name).filter(t -> !t.id().equals(id)).isPresent() ? nameTaken(name) : e;
        }
    }

    /** Deletes the template and its versions; usage records keep naming them. */
    void delete(String id) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM prompt_versions WHERE template_id = ?").param(id).update();
            jdbc.sql("DELETE FROM prompt_templates WHERE id = ?").param(id).update();
        });
    }

    private void insert(String id, int number, Template.Version v, long now) {
        jdbc.sql("""
                INSERT INTO prompt_versions (template_id, version, body, system_part, variables, weight, active, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, number, v.body(), v.system(), json.writeValueAsString(v.variables()), v.weight(), v.active(), now).update();
    }

    private Optional<Template> one(String where, String value) {
        return jdbc.sql("SELECT * FROM prompt_templates " + where).param(value).query(Templates::row).optional()
                .map(r -> r.with(versions(r.id())));
    }

    private List<Template.Version> versions(String id) {
        return jdbc.sql("SELECT * FROM prompt_versions WHERE template_id = ? ORDER BY version").param(id)
                .query((rs, i) -> new Template.Version(rs.getInt("version"), rs.getString("body"), rs.getString("system_part"),
                        json.readValue(rs.getString("variables"), VARIABLES), rs.getInt("weight"), rs.getBoolean("active"),
                        rs.getLong("created_at")))
                .list();
    }

    private record Row(String id, String name, String type, String description, String owner, String ownerClient, long createdAt,
                       long updatedAt) {
        Template with(List<Template.Version> versions) {
            return new Template(id, name, type, description, owner, ownerClient, createdAt, updatedAt, versions);
        }
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getString("id"), rs.getString("name"), rs.getString("type"), rs.getString("description"),
                rs.getString("owner_user_id"), rs.getString("owner_client_id"), rs.getLong("created_at"), rs.getLong("updated_at"));
    }
}
