package dev.switchboard.access;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * First start: creates the admin ({@code SWITCHBOARD_ADMIN_EMAIL}, {@code SWITCHBOARD_ADMIN_PASSWORD}, or a generated
 * password printed once to the console, never to the log) and, when {@code SWITCHBOARD_ADMIN_API_KEY} is set, an admin
 * gateway key holding exactly that secret. Later starts change nothing that exists, except that a changed
 * {@code SWITCHBOARD_ADMIN_API_KEY} revokes the key the earlier value created (removing the setting leaves that key: an
 * admin revokes it like any other).
 */
@Component
class AdminBootstrap implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    /** The name of the key that {@code SWITCHBOARD_ADMIN_API_KEY} creates; a changed setting revokes the key of this name it replaces. */
    static final String ADMIN_KEY_NAME = "admin key from SWITCHBOARD_ADMIN_API_KEY";

    private final Users users;
    private final GatewayKeys gatewayKeys;
    private final PasswordEncoder passwords;
    private final AdminSettings settings;
    private final TransactionTemplate transactions;

    AdminBootstrap(Users users, GatewayKeys gatewayKeys, PasswordEncoder passwords, AdminSettings settings,
                   TransactionTemplate transactions) {
        this.users = users;
        this.gatewayKeys = gatewayKeys;
        this.passwords = passwords;
        this.settings = settings;
        this.transactions = transactions;
    }

    @Override
    public void afterPropertiesSet() {
        transactions.executeWithoutResult(status -> {
            var adminId = ensureAdmin();
            ensureAdminKey(adminId);
        });
    }

    private String ensureAdmin() {
        var email = settings.email();
        return users.idByEmail(email).orElseGet(() -> {
            var password = settings.password();
            var generated = password == null || password.isBlank();
            if (generated) {
                password = generatePassword();
            }
            var id = users.insert(email, passwords.encode(password), "Administrator", Role.ADMIN);
            log.info("Created the first admin {}", Users.normalize(email));
            if (generated) {
                System.out.println("""

                        ==============================================================
                         Switchboard created the first admin. Sign in with:
                           email:    %s
                           password: %s
                         This password is shown once. Change it after signing in.
                        ==============================================================
                        """.formatted(Users.normalize(email), password));
            }
            return id;
        });
    }

    private void ensureAdminKey(String adminId) {
        var secret = settings.apiKey();
        if (secret == null || secret.isBlank()) {
            return;
        }
        if (secret.length() < 16) {
            throw new IllegalStateException("SWITCHBOARD_ADMIN_API_KEY must be at least 16 characters long");
        }
        if (!gatewayKeys.existsWithSecret(secret)) {
            gatewayKeys.insert(adminId, ADMIN_KEY_NAME, true, secret);
            log.info("Created the admin gateway key from SWITCHBOARD_ADMIN_API_KEY");
        } else if (gatewayKeys.reactivate(secret)) {
            log.info("Reactivated the admin gateway key that SWITCHBOARD_ADMIN_API_KEY names");
        }
        var revoked = gatewayKeys.revokeReplaced(ADMIN_KEY_NAME, secret);
        if (revoked > 0) {
            log.info("Revoked {} admin gateway key(s) that an earlier SWITCHBOARD_ADMIN_API_KEY had created", revoked);
        }
    }

    private static String generatePassword() {
        var bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
