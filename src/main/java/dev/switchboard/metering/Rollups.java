package dev.switchboard.metering;

import java.time.ZoneId;
import java.util.Collection;

import dev.switchboard.money.BillingCalendar;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The hourly, daily and monthly rollups of the usage log ({@code usage_rollups}), written in the same transaction as
 * the records they sum, so a rollup never disagrees with the records that made it: a batch is summed in memory
 * ({@link RollupBatch}), then each row is added with {@code INSERT … ON CONFLICT … DO UPDATE SET x = x + excluded.x},
 * which SQLite and PostgreSQL both accept. Reports read only the rollups; pruning raw records leaves them as they are.
 */
@Component
class Rollups {

    static final String UPSERT = """
            INSERT INTO usage_rollups (grain, bucket, user_id, gateway_key_id, client_id, provider_id, model, credential_kind,
                credential_id, requests, successful_requests, input_tokens, output_tokens, cached_tokens, cost_nano_usd, last_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (grain, bucket, user_id, gateway_key_id, client_id, provider_id, model, credential_kind, credential_id)
            DO UPDATE SET requests = usage_rollups.requests + excluded.requests,
                successful_requests = usage_rollups.successful_requests + excluded.successful_requests,
                input_tokens = usage_rollups.input_tokens + excluded.input_tokens,
                output_tokens = usage_rollups.output_tokens + excluded.output_tokens,
                cached_tokens = usage_rollups.cached_tokens + excluded.cached_tokens,
                cost_nano_usd = usage_rollups.cost_nano_usd + excluded.cost_nano_usd,
                last_at = CASE WHEN excluded.last_at > usage_rollups.last_at THEN excluded.last_at ELSE usage_rollups.last_at END""";

    private final ZoneId zone;

    @Autowired
    Rollups(BillingCalendar calendar) {
        this(calendar.zone());
    }

    Rollups(ZoneId zone) {
        this.zone = zone;
    }

    ZoneId zone() {
        return zone;
    }

    /** Adds the records to their rollups; call it inside the transaction that inserts them. */
    void add(JdbcTemplate jdbc, Collection<UsageRecord> records) {
        var batch = new RollupBatch(zone);
        records.forEach(batch::add);
        write(jdbc, batch);
    }

    static void write(JdbcTemplate jdbc, RollupBatch batch) {
        if (batch.size() > 0) {
            jdbc.batchUpdate(UPSERT, batch.upsertRows());
        }
    }
}
