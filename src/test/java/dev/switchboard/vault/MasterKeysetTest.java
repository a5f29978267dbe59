package dev.switchboard.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** Where the master keyset comes from: generated once into the data dir (0600), or {@code SWITCHBOARD_ENCRYPTION_KEY}. */
class MasterKeysetTest {

    @Test
    void shouldGenerateAKeysetOnceIntoTheDataDirReadableOnlyByItsOwner(@TempDir Path dataDir) throws Exception {
        var environment = new MockEnvironment().withProperty("switchboard.data-dir", dataDir.toString());

        var first = new SecretBox(new MasterKeyset(environment));
        var file = dataDir.resolve(MasterKeyset.FILE);
        var sealed = first.seal("a secret", "row-1");
        var second = new SecretBox(new MasterKeyset(environment));

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(second.open(sealed, "row-1")).isEqualTo("a secret");
    }

    @Test
    void shouldUseAConfiguredKeyAndRefuseOneThatIsNotAKey() {
        var key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        var box = new SecretBox(new MasterKeyset(new MockEnvironment().withProperty(MasterKeyset.ENV, key)));
        var other = new SecretBox(new MasterKeyset(new MockEnvironment().withProperty(MasterKeyset.ENV,
                java.util.Base64.getEncoder().encodeToString("another-key-of-thirty-two-bytes!".getBytes()))));

        var sealed = box.seal("a secret", "row-1");

        assertThat(box.open(sealed, "row-1")).isEqualTo("a secret");
        assertThatThrownBy(() -> other.open(sealed, "row-1")).isInstanceOf(SecretBox.Unreadable.class);
        assertThatThrownBy(() -> new MasterKeyset(new MockEnvironment().withProperty(MasterKeyset.ENV, "dG9vIHNob3J0")))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("dG9vIHNob3J0");
    }
}
