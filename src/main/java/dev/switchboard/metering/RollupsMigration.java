package dev.switchboard.metering;

import java.sql.ResultSet;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * V12: the rollup table, and rollups of every record already in the log. A Java migration because a billing day is the
 * billing zone's, which SQL cannot compute portably (SQLite knows no time zones); and a migration because it then runs
 * once, under Flyway's lock, in Flyway's transaction, before any instance of this version writes a record, so no
 * record is summed twice or missed. The backfill streams the log and uses the writer's own aggregation and upsert.
 */
@Component
class RollupsMigration implements JavaMigration {

    private static final String[] DDL = {"""
            CREATE TABLE usage_rollups (
                grain               CHAR(1)      NOT NULL,
                bucket              BIGINT       NOT NULL,
                user_id             VARCHAR(64)  NOT NULL,
                gateway_key_id      VARCHAR(64)  NOT NULL,
                client_id           VARCHAR(64)  NOT NULL,
                provider_id         VARCHAR(64)  NOT NULL,
                model               VARCHAR(200) NOT NULL,
                credential_kind     VARCHAR(32)  NOT NULL,
                credential_id       VARCHAR(64)  NOT NULL,
                requests            BIGINT       NOT NULL,
                successful_requests BIGINT       NOT NULL,
                input_tokens        BIGINT       NOT NULL,
                output_tokens       BIGINT       NOT NULL,
                cached_tokens       BIGINT       NOT NULL,
                cost_nano_usd       BIGINT       NOT NULL,
                last_at             BIGINT       NOT NULL,
                PRIMARY KEY (grain, bucket, user_id, gateway_key_id, client_id, provider_id, model, credential_kind, credential_id)
            )""",
            "CREATE INDEX usage_rollups_user ON usage_rollups (user_id, grain, bucket)",
            "CREATE INDEX usage_rollups_credential ON usage_rollups (credential_kind, grain, bucket)"};
    private static final int FLUSH_ROWS = 50_000;

    private final Rollups rollups;

    RollupsMigration(Rollups rollups) {
        this.rollups = rollups;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("12");
    }

    @Override
    public String getDescription() {
        return "usage rollups";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) {
        var jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
        for (var statement : DDL) {
            jdbc.execute(statement);
        }
        backfill(jdbc);
    }

    private void backfill(JdbcTemplate jdbc) {
        var batch = new RollupBatch[]{new RollupBatch(rollups.zone())};
        jdbc.setFetchSize(10_000);
        jdbc.query("SELECT " + RollupBatch.RECORD_COLUMNS + " FROM usage_records", (ResultSet rs) -> {
            batch[0].addRow(rs);
            if (batch[0].size() >= FLUSH_ROWS) {
                Rollups.write(jdbc, batch[0]);
                batch[0] = new RollupBatch(rollups.zone());
            }
        });
        Rollups.write(jdbc, batch[0]);
    }
}
