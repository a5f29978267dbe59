package dev.switchboard.vault;

import dev.switchboard.testing.PostgresDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Users' keys and the credential order on PostgreSQL. */
class UserKeysOnPostgresTest extends UserKeysContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresDatabase.register(registry);
    }
}
