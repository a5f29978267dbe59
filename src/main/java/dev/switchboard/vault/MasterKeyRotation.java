package dev.switchboard.vault;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code java -jar switchboard.jar rotate-master-key}: re-seals every stored secret ({@link SealedSecrets}) under the key
 * in {@code SWITCHBOARD_NEW_ENCRYPTION_KEY}, in one transaction, checking that each new value opens before it commits;
 * then the operator starts Switchboard with that key as {@code SWITCHBOARD_ENCRYPTION_KEY}. Run it with the current key
 * set as usual (the setting, or the data directory's keyset file). It starts no web server and exits when done.
 */
@Component
class MasterKeyRotation implements ApplicationRunner {

    static final String COMMAND = "rotate-master-key";
    static final String NEW_KEY = "SWITCHBOARD_NEW_ENCRYPTION_KEY";

    private final SecretBox current;
    private final SealedSecrets secrets;
    private final TransactionTemplate transactions;
    private final NewKey newKey;

    MasterKeyRotation(SecretBox current, SealedSecrets secrets, TransactionTemplate transactions, NewKey newKey) {
        this.current = current;
        this.secrets = secrets;
        this.transactions = transactions;
        this.newKey = newKey;
    }

    /** {@code switchboard.new-encryption-key} ({@value #NEW_KEY}): the key to rotate to. {@link #toString()} hides it. */
    @ConfigurationProperties("switchboard")
    record NewKey(String newEncryptionKey) {
        @Override
        public String toString() {
            return "NewKey[****]";
        }
    }

    @Override
    public void run(ApplicationArguments args) throws GeneralSecurityException {
        if (!Arrays.asList(args.getSourceArgs()).contains(COMMAND)) {
            return;
        }
        System.out.println("Rotated " + rotate() + " stored secrets to the new master key. Start Switchboard with "
                + MasterKeyset.ENV + " set to the value of " + NEW_KEY + ".");
    }

    /** Re-seals every stored secret under the new key; answers how many. */
    int rotate() throws GeneralSecurityException {
        if (newKey.newEncryptionKey() == null || newKey.newEncryptionKey().isBlank()) {
            throw new IllegalStateException(NEW_KEY + " must hold the new master key (base64 of 32 random bytes or of a Tink JSON keyset)");
        }
        var next = new SecretBox(MasterKeyset.fromConfiguration(newKey.newEncryptionKey().trim(), NEW_KEY));
        return transactions.execute(status -> {
            var all = secrets.all();
            for (var sealed : all) {
                var plain = current.open(sealed.ciphertext(), sealed.boundTo());
                var resealed = next.seal(plain, sealed.boundTo());
                Arrays.fill(next.open(resealed, sealed.boundTo()), (byte) 0);
                Arrays.fill(plain, (byte) 0);
                secrets.replace(sealed, resealed);
            }
            return all.size();
        });
    }
}
