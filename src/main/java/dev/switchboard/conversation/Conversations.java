package dev.switchboard.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.switchboard.gateway.Dialect;
import dev.switchboard.money.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The conversations and their messages, in SQL that SQLite and PostgreSQL both run. Totals are summed from the
 * answers when read, so they cannot drift from the messages they add up.
 */
@Component
class Conversations {

    private static final String SELECT = """
            SELECT c.id, c.user_id, c.title, c.model, c.system_prompt, c.created_at, c.updated_at, COUNT(m.id) AS messages,
                   COALESCE(SUM(CASE WHEN m.role = 'assistant' THEN m.input_tokens ELSE 0 END), 0) AS input_tokens,
                   COALESCE(SUM(m.output_tokens), 0) AS output_tokens, COALESCE(SUM(m.cost_nano_usd), 0) AS cost
            FROM conversations c LEFT JOIN conversation_messages m ON m.conversation_id = c.id
            """;
    private static final String GROUP = " GROUP BY c.id, c.user_id, c.title, c.model, c.system_prompt, c.created_at, c.updated_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Conversations(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    Conversation create(String userId, String model, String title, String system) {
        var id = UUID.randomUUID().toString();
        var now = clock.millis();
        jdbc.sql("INSERT INTO conversations (id, user_id, title, model, system_prompt, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, userId, title, model, system, now, now).update();
        return find(id).orElseThrow();
    }

    /** The conversation, whoever owns it: for the owner's checks and the audited admin route. */
    Optional<Conversation> find(String id) {
        return jdbc.sql(SELECT + "WHERE c.id = ?" + GROUP).param(id).query(Conversations::conversation).optional();
    }

    Optional<Conversation> owned(String id, String userId) {
        return find(id).filter(c -> c.userId().equals(userId));
    }

    /** A page of the user's conversations, newest first, after {@code after} (null: from the newest), titles containing {@code query}. */
    List<Conversation> page(String userId, String query, Cursor after, int limit) {
        var sql = new StringBuilder(SELECT).append("WHERE c.user_id = :user");
        if (query != null) {
            sql.append(" AND LOWER(c.title) LIKE :query ESCAPE '\\'");
        }
        if (after != null) {
            sql.append(" AND (c.created_at < :at OR (c.created_at = :at AND c.id < :id))");
        }
        sql.append(GROUP).append(" ORDER BY c.created_at DESC, c.id DESC LIMIT :limit");
        var statement = jdbc.sql(sql.toString()).param("user", userId).param("limit", limit);
        if (query != null) {
            statement = statement.param("query", "%" + escapeLike(query.toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        if (after != null) {
            statement = statement.param("at", after.createdAtMillis()).param("id", after.id());
        }
        return statement.query(Conversations::conversation).list();
    }

    void update(String id, String title, String model, String system) {
        jdbc.sql("UPDATE conversations SET title = ?, model = ?, system_prompt = ?, updated_at = ? WHERE id = ?")
                .params(title, model, system, clock.millis(), id).update();
    }

    /** Deletes the conversation and its messages; the usage records of its calls are not touched. */
    void delete(String id) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM conversation_messages WHERE conversation_id = ?").param(id).update();
            jdbc.sql("DELETE FROM conversations WHERE id = ?").param(id).update();
        });
    }

    List<StoredMessage> messages(String conversationId) {
        return jdbc.sql("""
                SELECT id, seq, role, content, format, model, input_tokens, output_tokens, cost_nano_usd, usage_record_id, status, created_at
                FROM conversation_messages WHERE conversation_id = ? ORDER BY seq""")
                .param(conversationId).query(Conversations::message).list();
    }

    /** A message to append: its sequence number and id are given when it is stored. */
    record Draft(String role, String content, Dialect format, String model, long inputTokens, long outputTokens, Money cost,
                 String usageRecordId, StoredMessage.Status status) {
    }

    /**
     * Appends the messages in order, in one transaction, and gives the conversation {@code title} if it has none yet;
     * answers them as stored. The transaction writes the conversation's row first: that lock (a row lock on PostgreSQL,
     * the write lock on SQLite, waited for) orders turns ending at once in one conversation, so each reads the last
     * sequence number only after the one before it committed.
     */
    List<StoredMessage> append(String conversationId, List<Draft> drafts, String title) {
        return transactions.execute(status -> {
            var now = clock.millis();
            jdbc.sql("UPDATE conversations SET updated_at = ?, title = COALESCE(title, ?) WHERE id = ?")
                    .params(now, title, conversationId).update();
            var next = jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM conversation_messages WHERE conversation_id = ?")
                    .param(conversationId).query(Long.class).single() + 1;
            var stored = new java.util.ArrayList<StoredMessage>();
            for (var draft : drafts) {
                var message = new StoredMessage(UUID.randomUUID().toString(), next++, draft.role(), draft.content(), draft.format(),
                        draft.model(), draft.inputTokens(), draft.outputTokens(), draft.cost(), draft.usageRecordId(), draft.status(), now);
                insert(conversationId, message);
                stored.add(message);
            }
            return stored;
        });
    }

    private void insert(String conversationId, StoredMessage m) {
        jdbc.sql("""
                INSERT INTO conversation_messages (id, conversation_id, seq, role, content, format, model, input_tokens, output_tokens,
                    cost_nano_usd, usage_record_id, status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(m.id(), conversationId, m.seq(), m.role(), m.content(), m.format().name().toLowerCase(java.util.Locale.ROOT),
                        m.model(), m.inputTokens(), m.outputTokens(), m.cost().nanoUsd(), m.usageRecordId(), m.status().wire(),
                        m.createdAtMillis())
                .update();
    }

    /** Where a page of conversations ends: the last one's creation time and id. */
    record Cursor(long createdAtMillis, String id) {
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Conversation conversation(ResultSet rs, int row) throws SQLException {
        return new Conversation(rs.getString("id"), rs.getString("user_id"), rs.getString("title"), rs.getString("model"),
                rs.getString("system_prompt"), rs.getLong("created_at"), rs.getLong("updated_at"),
                new Conversation.Totals(rs.getLong("messages"), rs.getLong("input_tokens"), rs.getLong("output_tokens"),
                        Money.ofNanos(rs.getLong("cost"))));
    }

    private static StoredMessage message(ResultSet rs, int row) throws SQLException {
        return new StoredMessage(rs.getString("id"), rs.getLong("seq"), rs.getString("role"), rs.getString("content"),
                Dialect.valueOf(rs.getString("format").toUpperCase(java.util.Locale.ROOT)), rs.getString("model"),
                rs.getLong("input_tokens"), rs.getLong("output_tokens"), Money.ofNanos(rs.getLong("cost_nano_usd")),
                rs.getString("usage_record_id"), StoredMessage.Status.valueOf(rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
                rs.getLong("created_at"));
    }
}
