package dev.switchboard.access;

import dev.switchboard.testing.PostgresDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The access hardening on PostgreSQL. */
class AccessHardeningOnPostgresTest extends AccessHardeningContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresDatabase.register(registry);
    }
}
