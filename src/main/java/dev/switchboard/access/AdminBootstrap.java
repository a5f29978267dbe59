package dev.switchboard.access;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * First start: creates the admin ({@code SWITCHBOARD_ADMIN_EMAIL}, {@code SWITCHBOARD_ADMIN_PASSWORD}, or a generated
 * password printed once to the console, never to the log) and, when {@code SWITCHBOARD_ADMIN_API_KEY} is set, an admin
 * gateway key holding exactly that secret. Later starts change nothing that exists.
 */
@Component
class AdminBootstrap implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Users users;
    private final GatewayKeys gatewayKeys;
    private final PasswordEncoder passwords;
    private final Environment environment;
    private final TransactionTemplate transactions;

    AdminBootstrap(Users users, GatewayKeys gatewayKeys, PasswordEncoder passwords, Environment environment,
                   TransactionTemplate transactions) {
        this.users = users;
        this.gatewayKeys = gatewayKeys;
        this.passwords = passwords;
        this.environment = environment;
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
        var email = environment.getProperty("SWITCHBOARD_ADMIN_EMAIL", "admin@switchboard.local");
        return users.idByEmail(email).orElseGet(() -> {
            var password = environment.getProperty("SWITCHBOARD_ADMIN_PASSWORD");
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
        var secret = environment.getProperty("SWITCHBOARD_ADMIN_API_KEY");
        if (secret == null || secret.isBlank()) {
            return;
        }
        if (secret.length() < 16) {
            throw new IllegalStateException("SWITCHBOARD_ADMIN_API_KEY must be at least 16 characters long");
        }
        if (!gatewayKeys.existsWithSecret(secret)) {
            gatewayKeys.insert(adminId, "admin key from SWITCHBOARD_ADMIN_API_KEY", true, secret);
            log.info("Created the admin gateway key from SWITCHBOARD_ADMIN_API_KEY");
        }
    }

    private static String generatePassword() {
        var bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
