package dev.switchboard.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.access.TokenSigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The master key over an installation's life, each step a real start of Switchboard on its own SQLite data directory:
 * a start with a key that does not open the stored secrets, or with the generated keyset file lost, is refused with a
 * message naming the setting; {@code rotate-master-key} re-seals every secret (users' keys, pool keys, the signing key)
 * so that the new key opens them all and the old one no longer starts; a bundle exported under a passphrase imports
 * into another installation with another master key.
 */
class MasterKeyLifecycleTest {

    private static final String KEY_1 = key(1);
    private static final String KEY_2 = key(2);
    private static final String USER_SECRET = "sk-lifecycle-user-key-0123456789";
    private static final String POOL_SECRET = "sk-lifecycle-pool-key-9876543210";
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path dir;


    @Test
    void shouldRotateTheMasterKeyAndRefuseToStartWithAKeyThatDoesNotOpenTheSecrets() throws Exception {
        var data = dir.resolve("a");
        String poolId;
        byte[] signingKey;
        try (var first = start(data, KEY_1)) {
            poolId = seedSecrets(first);
            signingKey = first.getBean(TokenSigningKey.class).hs256Key();
        }

        assertThatThrownBy(() -> start(data, KEY_2)).hasStackTraceContaining("SWITCHBOARD_ENCRYPTION_KEY does not open");

        try (var rotation = new SpringApplicationBuilder(SwitchboardApplication.class).web(WebApplicationType.NONE)
                .run(args(data, KEY_1, "--switchboard.new-encryption-key=" + KEY_2, "rotate-master-key"))) {
            assertThat(rotation.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM server_secrets").query(Long.class).single()).isEqualTo(1);
        }

        try (var rotated = start(data, KEY_2)) {
            assertThat(rotated.getBean(UserKeys.class).credential("u-1", "openai").orElseThrow().apiKey()).isEqualTo(USER_SECRET);
            assertThat(rotated.getBean(PoolKeyAdmin.class).credentialForTest(poolId).orElseThrow().apiKey()).isEqualTo(POOL_SECRET);
            assertThat(rotated.getBean(TokenSigningKey.class).hs256Key()).isEqualTo(signingKey);
        }
        assertThatThrownBy(() -> start(data, KEY_1)).hasStackTraceContaining("SWITCHBOARD_ENCRYPTION_KEY does not open");
    }

    @Test
    void shouldRefuseToStartWhenTheGeneratedKeysetFileWasLost() throws Exception {
        var data = dir.resolve("b");
        try (var first = start(data, null)) {
            seedSecrets(first);
        }
        var keyset = data.resolve(MasterKeyset.FILE);
        var original = Files.readString(keyset);
        Files.delete(keyset);

        assertThatThrownBy(() -> start(data, null)).hasStackTraceContaining("encryption-keyset.json is missing or was replaced");
        assertThat(keyset).doesNotExist();

        Files.writeString(keyset, original);
        try (var restored = start(data, null)) {
            assertThat(restored.getBean(UserKeys.class).credential("u-1", "openai").orElseThrow().apiKey()).isEqualTo(USER_SECRET);
        }
    }

    @Test
    void shouldImportAnExportedBundleIntoAnotherInstallation() throws Exception {
        tools.jackson.databind.node.ObjectNode bundle;
        try (var source = start(dir.resolve("c"), KEY_1)) {
            seedSecrets(source);
            bundle = source.getBean(KeyBundles.class).export(PASSPHRASE);
        }
        assertThat(bundle.toString()).doesNotContain(POOL_SECRET).doesNotContain(PASSPHRASE);

        try (var target = start(dir.resolve("d"), KEY_2)) {
            var bundles = target.getBean(KeyBundles.class);
            assertThatThrownBy(() -> bundles.importBundle("not the passphrase at all", bundle)).isInstanceOf(KeyBundles.Unopened.class);
            var tampered = bundle.deepCopy();
            tampered.put("nonce", Base64.getEncoder().encodeToString(new byte[12]));
            assertThatThrownBy(() -> bundles.importBundle(PASSPHRASE, tampered)).isInstanceOf(KeyBundles.Unopened.class);

            var imported = bundles.importBundle(PASSPHRASE, bundle);
            var again = bundles.importBundle(PASSPHRASE, bundle);

            assertThat(imported.imported()).isEqualTo(1);
            assertThat(again.imported()).isZero();
            assertThat(again.skipped()).extracting(KeyBundles.Imported.Skipped::reason).containsExactly("a key of that name exists");
            var admin = target.getBean(PoolKeyAdmin.class);
            var key = admin.list().getFirst();
            assertThat(key.name()).isEqualTo("lifecycle");
            assertThat(key.dailyLimit().toUsd()).isEqualByComparingTo("7");
            assertThat(admin.credentialForTest(key.id()).orElseThrow().apiKey()).isEqualTo(POOL_SECRET);
        }
    }

    private String seedSecrets(ConfigurableApplicationContext context) {
        var jdbc = context.getBean(JdbcClient.class);
        jdbc.sql("INSERT INTO users (id, email, password_hash, full_name, role, active, created_at) VALUES ('u-1', 'u1@example.test', 'x', 'U', 'USER', TRUE, 0)")
                .update();
        context.getBean(UserKeys.class).put("u-1", "openai", USER_SECRET);
        context.getBean(TokenSigningKey.class).hs256Key();
        return context.getBean(PoolKeyAdmin.class).add(new PoolKeyAdmin.NewKey("openai", "lifecycle", POOL_SECRET, null,
                dev.switchboard.money.Money.ofUsd("7"), null, null, null, 0, false, null)).id();
    }

    private ConfigurableApplicationContext start(Path data, String key, String... more) {
        return new SpringApplicationBuilder(SwitchboardApplication.class).web(WebApplicationType.NONE).run(args(data, key, more));
    }

    private static String[] args(Path data, String key, String... more) {
        var args = new ArrayList<>(List.of("--switchboard.data-dir=" + data, "--spring.main.banner-mode=off", "--switchboard.admin.email=root-"
                + UUID.randomUUID() + "@example.test", "--switchboard.admin.password=lifecycle-admin-password"));
        if (key != null) {
            args.add("--SWITCHBOARD_ENCRYPTION_KEY=" + key);
        }
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static String key(int fill) {
        var bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) fill);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
