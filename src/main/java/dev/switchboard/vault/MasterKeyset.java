package dev.switchboard.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.util.SecretBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The master keyset. {@code SWITCHBOARD_ENCRYPTION_KEY} is either the base64 of 32 random bytes (an AES-256-GCM key,
 * {@code openssl rand -base64 32}) or the base64 of a Tink JSON keyset of AEAD keys (for rotation). Without it, a
 * keyset is generated once into {@code <data dir>/encryption-keyset.json} (mode 0600) with a warning: fine for one
 * instance, but several instances must share one {@code SWITCHBOARD_ENCRYPTION_KEY}. No message ever shows key material.
 */
@Component
class MasterKeyset {

    static final String ENV = "SWITCHBOARD_ENCRYPTION_KEY";
    static final String FILE = "encryption-keyset.json";
    private static final Logger log = LoggerFactory.getLogger(MasterKeyset.class);

    /** Where the keyset came from: the setting, a file that was there, or a file generated at this start. */
    enum Source { SETTING, FILE, GENERATED }

    private final KeysetHandle handle;
    private final Source source;
    private final Path file;

    MasterKeyset(Environment environment) {
        try {
            AeadConfig.register();
            var configured = environment.getProperty(ENV);
            this.file = Path.of(environment.getProperty("switchboard.data-dir", "./data")).resolve(FILE);
            if (configured != null && !configured.isBlank()) {
                this.handle = fromConfiguration(configured.trim(), ENV);
                this.source = Source.SETTING;
            } else {
                this.source = Files.exists(file) ? Source.FILE : Source.GENERATED;
                this.handle = fromDataDir(file);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up the master keyset", e);
        }
    }

    KeysetHandle handle() {
        return handle;
    }

    Source source() {
        return source;
    }

    Path file() {
        return file;
    }

    /** A keyset written as {@code setting} takes it (base64 of 32 bytes, or of a Tink JSON keyset). */
    static KeysetHandle fromConfiguration(String value, String setting) throws GeneralSecurityException {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " must be base64 (of 32 random bytes or of a Tink JSON keyset)");
        }
        if (decoded.length == 32) {
            var parameters = AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12).setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
            var key = AesGcmKey.builder().setParameters(parameters)
                    .setKeyBytes(SecretBytes.copyFrom(decoded, InsecureSecretKeyAccess.get())).build();
            return KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary()).build();
        }
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(new String(decoded, StandardCharsets.UTF_8), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException(setting + " is neither 32 bytes nor a valid Tink JSON keyset (both base64)");
        }
    }

    private static KeysetHandle fromDataDir(Path file) throws GeneralSecurityException {
        try {
            if (!Files.exists(file)) {
                var generated = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
                write(file, TinkJsonProtoKeysetFormat.serializeKeyset(generated, InsecureSecretKeyAccess.get()));
                log.warn("{} is not set: generated a master keyset into {}. Back it up (without it stored secrets are lost) "
                        + "and set {} on every instance when running more than one.", ENV, file, ENV);
            }
            return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the master keyset " + file, e);
        }
    }

    private static void write(Path file, String keyset) throws IOException {
        Files.createDirectories(file.getParent());
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.writeString(file, keyset, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
