package dev.switchboard.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.RegistryConfiguration;
import org.springframework.stereotype.Service;

/**
 * Seals secrets for storage with the master keyset (Google Tink AEAD, AES-256-GCM), each bound to the record that
 * holds it: {@code boundTo} (e.g. the row id) is the associated data, so a sealed value copied to another record does
 * not open. Sealed values are base64 text. Reusable by any module that stores secrets (users' keys, the admin key
 * pool, server secrets).
 */
@Service
public class SecretBox {

    private final Aead aead;

    @org.springframework.beans.factory.annotation.Autowired
    SecretBox(MasterKeyset masterKeyset) {
        this(masterKeyset.handle());
    }

    /** A box over another keyset: the new one, while the master key is rotated. */
    SecretBox(com.google.crypto.tink.KeysetHandle keyset) {
        try {
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the master keyset cannot be used for AEAD", e);
        }
    }

    public String seal(String secret, String boundTo) {
        return Base64.getEncoder().encodeToString(seal(secret.getBytes(StandardCharsets.UTF_8), boundTo));
    }

    public byte[] seal(byte[] secret, String boundTo) {
        try {
            return aead.encrypt(secret, associatedData(boundTo));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a secret", e);
        }
    }

    /** The secret sealed for {@code boundTo}; {@link Unreadable} when it was sealed for another record or another key. */
    public String open(String sealed, String boundTo) {
        return new String(open(Base64.getDecoder().decode(sealed), boundTo), StandardCharsets.UTF_8);
    }

    public byte[] open(byte[] sealed, String boundTo) {
        try {
            return aead.decrypt(sealed, associatedData(boundTo));
        } catch (GeneralSecurityException e) {
            throw new Unreadable();
        }
    }

    private static byte[] associatedData(String boundTo) {
        return ("switchboard:" + boundTo).getBytes(StandardCharsets.UTF_8);
    }

    /** A sealed value that does not open with this keyset for this record. */
    public static final class Unreadable extends RuntimeException {
        Unreadable() {
            super("a stored secret cannot be decrypted with the master keyset for this record", null, false, false);
        }
    }
}
