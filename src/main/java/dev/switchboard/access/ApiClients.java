package dev.switchboard.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * API clients (seed 002): applications that call the inference endpoints with a key of their own, not as a user. The
 * key is made like a gateway key ({@link GatewayKeySecrets}), shown once and stored as its hash; it authenticates through
 * the gateway keys' cache ({@link GatewayKeys#authenticate}), so a client costs no database round trip either, and a
 * change or deletion takes effect at once on this instance ({@link GatewayKeys#forget}).
 */
@Service
public class ApiClients {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SELECT = """
            SELECT id, name, key_hash, key_tail, rpm_limit, tpm_limit, daily_budget_nano, monthly_budget_nano, allowed_models, active,
                   created_at, updated_at FROM api_clients""";

    private final JdbcClient jdbc;
    private final GatewayKeys gatewayKeys;

    ApiClients(JdbcClient jdbc, GatewayKeys gatewayKeys) {
        this.jdbc = jdbc;
        this.gatewayKeys = gatewayKeys;
    }

    /** A client as an admin sees it: everything but its key, of which only the last four characters. */
    public record ApiClient(String id, String name, String keyTail, Limits limits, boolean active, long createdAtMillis, long updatedAtMillis) {
    }

    /** A new client and its key, which is never stored and cannot be shown again. */
    public record Created(ApiClient client, String apiKey) {
        @Override
        public String toString() {
            return "Created[" + client.id() + ", " + client.name() + "]";
        }
    }

    public Created create(String name, Limits limits, boolean active) {
        checkName(name);
        var secret = GatewayKeySecrets.generate();
        var id = UUID.randomUUID().toString();
        var now = System.currentTimeMillis();
        try {
            jdbc.sql("""
                    INSERT INTO api_clients (id, name, key_hash, key_tail, rpm_limit, tpm_limit, daily_budget_nano, monthly_budget_nano,
                        allowed_models, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, name.trim(), GatewayKeySecrets.hash(secret), GatewayKeySecrets.tail(secret), limits.rpm(), limits.tpm(),
                            limits.dailyBudgetNanos(), limits.monthlyBudgetNanos(), JSON.writeValueAsString(limits.allowedModels()), active,
                            now, now)
                    .update();
        } catch (DuplicateKeyException e) {
            throw taken(name);
        }
        gatewayKeys.forget(GatewayKeySecrets.hash(secret));
        return new Created(find(id).orElseThrow(), secret);
    }

    public List<ApiClient> list() {
        return jdbc.sql(SELECT + " ORDER BY created_at, id").query(ApiClients::client).list();
    }

    public Optional<ApiClient> find(String id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(ApiClients::client).optional();
    }

    /** Replaces the client's name, limits and switch (its key stays); empty when there is no such client. */
    public Optional<ApiClient> update(String id, String name, Limits limits, boolean active) {
        checkName(name);
        int changed;
        try {
            changed = jdbc.sql("""
                    UPDATE api_clients SET name = ?, rpm_limit = ?, tpm_limit = ?, daily_budget_nano = ?, monthly_budget_nano = ?,
                        allowed_models = ?, active = ?, updated_at = ? WHERE id = ?""")
                    .params(name.trim(), limits.rpm(), limits.tpm(), limits.dailyBudgetNanos(), limits.monthlyBudgetNanos(),
                            JSON.writeValueAsString(limits.allowedModels()), active, System.currentTimeMillis(), id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw taken(name);
        }
        forget(id);
        return changed == 0 ? Optional.empty() : find(id);
    }

    /** Deletes the client: its key stops working at once here (elsewhere within the key cache's period). */
    public boolean delete(String id) {
        forget(id);
        return jdbc.sql("DELETE FROM api_clients WHERE id = ?").param(id).update() > 0;
    }

    private void forget(String id) {
        jdbc.sql("SELECT key_hash FROM api_clients WHERE id = ?").param(id).query(String.class).optional().ifPresent(gatewayKeys::forget);
    }

    /** The caller an active client's key hash stands for: a user-role caller with the client's limits. */
    static Optional<GatewayKeys.KeyEntry> entry(JdbcClient jdbc, String hash) {
        return jdbc.sql(SELECT + " WHERE key_hash = ? AND active = TRUE").param(hash).query(ApiClients::client).optional()
                .map(c -> new GatewayKeys.KeyEntry(new Caller(null, null, Role.USER, null, LlmMode.MEMBER, ByokHeader.NONE, c.id(),
                        c.limits(), Subscription.NONE), null));
    }

    private static ApiClient client(ResultSet rs, int i) throws SQLException {
        return new ApiClient(rs.getString("id"), rs.getString("name"), rs.getString("key_tail"), limits(rs), rs.getBoolean("active"),
                rs.getLong("created_at"), rs.getLong("updated_at"));
    }

    /** The limit columns that API clients and gateway keys share. */
    static Limits limits(ResultSet rs) throws SQLException {
        var allowed = rs.getString("allowed_models");
        return new Limits(nullable(rs, "rpm_limit", rs.getInt("rpm_limit")), nullable(rs, "tpm_limit", rs.getLong("tpm_limit")),
                nullable(rs, "daily_budget_nano", rs.getLong("daily_budget_nano")),
                nullable(rs, "monthly_budget_nano", rs.getLong("monthly_budget_nano")),
                allowed == null ? List.of() : JSON.readValue(allowed, new TypeReference<List<String>>() { }));
    }

    static String allowedModelsJson(Limits limits) {
        return limits.allowedModels().isEmpty() ? null : JSON.writeValueAsString(limits.allowedModels());
    }

    private static <T> T nullable(ResultSet rs, String column, T value) throws SQLException {
        return rs.wasNull() ? null : value;
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'name' is required and must be at most 200 characters long.");
        }
    }

    private static ResponseStatusException taken(String name) {
        return new ResponseStatusException(HttpStatus.CONFLICT, "'name': an API client named '" + name.trim() + "' exists already.");
    }
}
