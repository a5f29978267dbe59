package dev.switchboard.vault;

import java.io.IOException;
import java.nio.file.Files;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a master key that does not open the secrets already stored: otherwise Switchboard would start
 * "healthy" while every sign-in fails and users' keys silently stop serving. The message names the setting to fix. A
 * keyset generated at this very start while sealed secrets exist means the data directory's keyset file was lost or
 * replaced: the generated file is removed again, so that restoring the original is all it takes.
 */
@Component
class MasterKeyCheck implements InitializingBean {

    private final MasterKeyset keyset;
    private final SecretBox box;
    private final SealedSecrets secrets;

    MasterKeyCheck(MasterKeyset keyset, SecretBox box, SealedSecrets secrets) {
        this.keyset = keyset;
        this.box = box;
        this.secrets = secrets;
    }

    @Override
    public void afterPropertiesSet() throws IOException {
        for (var sealed : secrets.sample(3)) {
            try {
                box.open(sealed.ciphertext(), sealed.boundTo());
            } catch (SecretBox.Unreadable e) {
                throw new IllegalStateException(refusal(sealed));
            }
        }
    }

    private String refusal(SealedSecrets.Sealed sealed) throws IOException {
        var where = "the secrets stored in the database (" + sealed.column().table() + " and others)";
        return switch (keyset.source()) {
            case SETTING -> MasterKeyset.ENV + " does not open " + where + ": set it to the key they were sealed with "
                    + "(to change keys, rotate them: see the README, 'Rotating the master key').";
            case FILE -> "The data directory's " + MasterKeyset.FILE + " (" + keyset.file() + ") does not open " + where
                    + ": restore the keyset file they were sealed with, or set " + MasterKeyset.ENV + " to that key.";
            case GENERATED -> {
                Files.deleteIfExists(keyset.file());
                yield "The data directory's " + MasterKeyset.FILE + " is missing or was replaced, but " + where
                        + " exist: restore the keyset file (" + keyset.file() + ") or set " + MasterKeyset.ENV
                        + " to the key they were sealed with.";
            }
        };
    }
}
