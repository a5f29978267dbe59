package dev.switchboard.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.switchboard.money.Money;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin pool's keys as a portable bundle, encrypted under a passphrase: Argon2id (64 MiB, 3 passes, one lane:
 * the memory-hard KDF RFC 9106 recommends) derives an AES-256-GCM key from it, and the bundle's header (format,
 * version, KDF parameters, salt, nonce) is bound as associated data, so a changed header or ciphertext does not open.
 * Import seals every key anew with this installation's master key and skips keys that already exist (same provider and
 * name). Neither the passphrase nor a plaintext key is ever logged or kept.
 */
@Service
public class KeyBundles {

    static final String FORMAT = "switchboard-key-bundle";
    static final int VERSION = 1;
    static final int MEMORY_KIB = 64 * 1024;
    static final int ITERATIONS = 3;
    static final int PARALLELISM = 1;
    /** The shortest passphrase accepted. */
    public static final int MIN_PASSPHRASE = 12;

    private final PoolKeys rows;
    private final SecretBox box;
    private final PoolKeyAdmin admin;
    private final JsonMapper json;
    private final SecureRandom random = new SecureRandom();

    KeyBundles(PoolKeys rows, SecretBox box, PoolKeyAdmin admin, JsonMapper json) {
        this.rows = rows;
        this.box = box;
        this.admin = admin;
        this.json = json;
    }

    /** A passphrase that does not open the bundle, or a bundle that was changed. */
    public static final class Unopened extends RuntimeException {
        Unopened(String message) {
            super(message, null, false, false);
        }
    }

    /** What an import did: how many keys it added, and each key it skipped with the reason. */
    public record Imported(int imported, List<Skipped> skipped) {
        public record Skipped(String provider, String name, String reason) {
        }
    }

    public ObjectNode export(String passphrase) {
        var keys = json.createArrayNode();
        for (var key : rows.all()) {
            var item = keys.addObject().put("provider", key.providerId()).put("name", key.name())
                    .put("api_key", box.open(key.sealedKey(), PoolKey.boundTo(key.id())))
                    .put("description", key.description()).put("base_url", key.baseUrl()).put("priority", key.priority())
                    .put("is_default", key.isDefault()).put("is_active", key.enabled());
            item.put("daily_limit_nano", key.dailyLimitNanos());
            item.put("monthly_limit_nano", key.monthlyLimitNanos());
            item.put("total_limit_nano", key.totalLimitNanos());
            item.put("expires_at", key.expiresAt());
        }
        var salt = bytes(16);
        var nonce = bytes(12);
        var bundle = json.createObjectNode().put("format", FORMAT).put("version", VERSION).put("created_at", Instant.now().toString());
        bundle.putObject("kdf").put("name", "argon2id").put("memory_kib", MEMORY_KIB).put("iterations", ITERATIONS)
                .put("parallelism", PARALLELISM).put("salt", base64(salt));
        bundle.put("cipher", "AES-256-GCM").put("nonce", base64(nonce));
        var plaintext = json.writeValueAsBytes(keys);
        try {
            bundle.put("ciphertext", base64(crypt(Cipher.ENCRYPT_MODE, passphrase, bundle, plaintext)));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
        return bundle;
    }

    public Imported importBundle(String passphrase, JsonNode bundle) {
        if (bundle == null || !bundle.isObject() || !FORMAT.equals(bundle.path("format").asString("")) || bundle.path("version").asInt() != VERSION) {
            throw new Unopened("'bundle' is not a " + FORMAT + " of version " + VERSION + ".");
        }
        byte[] plaintext;
        try {
            plaintext = crypt(Cipher.DECRYPT_MODE, passphrase, (ObjectNode) bundle, Base64.getDecoder().decode(bundle.path("ciphertext").asString("")));
        } catch (IllegalArgumentException e) {
            throw new Unopened("The passphrase does not open this bundle, or the bundle was changed.");
        }
        var imported = 0;
        var skipped = new ArrayList<Imported.Skipped>();
        for (var key : json.readTree(plaintext)) {
            var provider = key.path("provider").asString("");
            var name = key.path("name").asString("");
            var reason = admin.whyNotImported(provider, name);
            if (reason != null) {
                skipped.add(new Imported.Skipped(provider, name, reason));
                continue;
            }
            admin.add(new PoolKeyAdmin.NewKey(provider, name, key.path("api_key").asString(), text(key, "description"),
                    money(key, "daily_limit_nano"), money(key, "monthly_limit_nano"), money(key, "total_limit_nano"),
                    key.path("expires_at").isNumber() ? Instant.ofEpochMilli(key.path("expires_at").asLong()) : null,
                    key.path("priority").asInt(0), key.path("is_default").asBoolean(false), text(key, "base_url")),
                    key.path("is_active").asBoolean(true));
            imported++;
        }
        Arrays.fill(plaintext, (byte) 0);
        return new Imported(imported, skipped);
    }

    private byte[] crypt(int mode, String passphrase, ObjectNode header, byte[] input) {
        var kdf = header.path("kdf");
        if (!"argon2id".equals(kdf.path("name").asString("")) || kdf.path("memory_kib").asInt() > 1024 * 1024
                || kdf.path("iterations").asInt() > 100 || kdf.path("parallelism").asInt() > 16) {
            throw new Unopened("The bundle's key derivation is not one this installation reads.");
        }
        var key = derive(passphrase, Base64.getDecoder().decode(kdf.path("salt").asString("")), kdf.path("memory_kib").asInt(),
                kdf.path("iterations").asInt(), kdf.path("parallelism").asInt());
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, Base64.getDecoder().decode(header.path("nonce").asString(""))));
            cipher.updateAAD(associatedData(header));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new Unopened("The passphrase does not open this bundle, or the bundle was changed.");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Everything in the header but the ciphertext, in a fixed order. */
    private static byte[] associatedData(JsonNode header) {
        var kdf = header.path("kdf");
        return String.join("|", header.path("format").asString(""), header.path("version").asString(""), kdf.path("name").asString(""),
                kdf.path("memory_kib").asString(""), kdf.path("iterations").asString(""), kdf.path("parallelism").asString(""),
                kdf.path("salt").asString(""), header.path("cipher").asString(""), header.path("nonce").asString(""))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] derive(String passphrase, byte[] salt, int memoryKib, int iterations, int parallelism) {
        var generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism).build());
        var key = new byte[32];
        var chars = passphrase.getBytes(StandardCharsets.UTF_8);
        generator.generateBytes(chars, key);
        Arrays.fill(chars, (byte) 0);
        return key;
    }

    private byte[] bytes(int n) {
        var bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isString() ? node.path(field).stringValue() : null;
    }

    private static Money money(JsonNode node, String field) {
        return node.path(field).isIntegralNumber() ? Money.ofNanos(node.path(field).asLong()) : null;
    }
}
