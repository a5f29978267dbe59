package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** {@code /health}: ok when all is well; degraded, still 200, while the database is away or a part queues in memory. */
class HealthControllerTest {

    private static final JdbcTemplate UP = new JdbcTemplate(new SingleConnectionDataSource("jdbc:sqlite::memory:", true));
    private static final JdbcTemplate DOWN = new JdbcTemplate(new DriverManagerDataSource("jdbc:sqlite:/nonexistent-dir/nothing.db"));

    @Test
    void shouldSayOkWhenTheDatabaseAnswersAndNothingIsDegraded() {
        var health = new HealthController(new DatabaseReadiness(UP), List.of(Optional::empty)).health();

        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).containsEntry("status", "ok").containsEntry("database", "up").doesNotContainKey("degraded");
    }

    @Test
    void shouldSayDegradedWithTheReasonWhileAPartQueuesInMemory() {
        var health = new HealthController(new DatabaseReadiness(UP), List.of(() -> Optional.of("usage log: 3 records queued in memory"))).health();

        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).containsEntry("status", "degraded").containsEntry("degraded", List.of("usage log: 3 records queued in memory"));
    }

    @Test
    void shouldSayDegradedWhileTheDatabaseIsAway() {
        var health = new HealthController(new DatabaseReadiness(DOWN), List.of()).health();

        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).containsEntry("status", "degraded").containsEntry("database", "down");
    }
}
