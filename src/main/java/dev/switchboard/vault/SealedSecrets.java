package dev.switchboard.vault;

import java.util.Base64;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every secret stored sealed with the master keyset, wherever it lives: users' provider keys, the admin pool's keys
 * and the server's own secrets (the token signing key). Each is base64 of the AEAD ciphertext, bound to its row. The
 * start-up check and the master-key rotation go through this one list, so a new sealed column is added here once.
 */
@Repository
class SealedSecrets {

    /** A table holding sealed values: its key column, its sealed column, and the prefix of what each is bound to. */
    record Column(String table, String idColumn, String sealedColumn, String boundPrefix) {
        String boundTo(String id) {
            return boundPrefix + id;
        }
    }

    static final List<Column> COLUMNS = List.of(
            new Column("user_provider_keys", "id", "sealed_key", "user_provider_keys/"),
            new Column("provider_keys", "id", "sealed_key", "provider_keys/"),
            new Column("server_secrets", "name", "sealed", "server_secrets/"));

    /** One sealed value: where it is, and its ciphertext. */
    record Sealed(Column column, String id, byte[] ciphertext) {
        String boundTo() {
            return column.boundTo(id);
        }
    }

    private final JdbcClient jdbc;

    SealedSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A few sealed values of each table (enough to tell whether the master key opens them), or all of them. */
    List<Sealed> sample(int perTable) {
        return COLUMNS.stream().flatMap(c -> read(c, " LIMIT " + perTable).stream()).toList();
    }

    List<Sealed> all() {
        return COLUMNS.stream().flatMap(c -> read(c, "").stream()).toList();
    }

    void replace(Sealed sealed, byte[] ciphertext) {
        var column = sealed.column();
        jdbc.sql("UPDATE " + column.table() + " SET " + column.sealedColumn() + " = ? WHERE " + column.idColumn() + " = ?")
                .params(Base64.getEncoder().encodeToString(ciphertext), sealed.id()).update();
    }

    private List<Sealed> read(Column column, String limit) {
        return jdbc.sql("SELECT " + column.idColumn() + ", " + column.sealedColumn() + " FROM " + column.table() + " ORDER BY "
                        + column.idColumn() + limit)
                .query((rs, i) -> new Sealed(column, rs.getString(1), Base64.getDecoder().decode(rs.getString(2))))
                .list();
    }
}
