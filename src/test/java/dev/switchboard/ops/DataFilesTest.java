package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import dev.switchboard.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** The embedded database, its WAL and shared-memory files, and the data directory are the owner's alone, like the keyset. */
class DataFilesTest extends GatewayTestSupport {

    @Value("${switchboard.data-dir}")
    String dataDir;

    @Test
    void shouldCreateTheDatabaseAndItsWalReadableByTheOwnerOnly() throws Exception {
        var user = newUser();
        postJson("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                "Authorization", bearer(user));
        var dir = Path.of(dataDir);

        for (var name : new String[] {"switchboard.db", "switchboard.db-wal", "switchboard.db-shm"}) {
            var file = dir.resolve(name);
            assertThat(file).as(name).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(name).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }
}
