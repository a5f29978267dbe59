package dev.switchboard.access;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.switchboard.money.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Users as people manage them: admins list, create and change users (role, active, credit grants); each user reads
 * and changes its own settings. Every change that alters what a user's credentials may do takes effect at once: the
 * caches behind access tokens and gateway keys are invalidated.
 */
@Service
public class Accounts {

    private static final Logger log = LoggerFactory.getLogger(Accounts.class);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");
    private static final Pattern USERNAME = Pattern.compile("^[\\p{L}\\p{N}._-]{3,100}$");
    private static final int MAX_PROFILE_TEXT = 100;

    private final Users users;
    private final Preferences preferences;
    private final PasswordEncoder passwords;
    private final UserCallers callers;
    private final GatewayKeys gatewayKeys;
    private final CreditLedger credits;
    private final NewUserTerms newUserTerms;

    Accounts(Users users, Preferences preferences, PasswordEncoder passwords, UserCallers callers, GatewayKeys gatewayKeys,
             CreditLedger credits, NewUserTerms newUserTerms) {
        this.newUserTerms = newUserTerms;
        this.users = users;
        this.preferences = preferences;
        this.passwords = passwords;
        this.callers = callers;
        this.gatewayKeys = gatewayKeys;
        this.credits = credits;
    }

    public List<Account> list(int offset, int limit) {
        var rows = users.list(offset, limit);
        var balances = credits.balances(rows.stream().map(Users.UserRow::id).toList());
        return rows.stream().map(row -> row.account(balances.getOrDefault(row.id(), CreditLedger.Balance.NONE))).toList();
    }

    public long count() {
        return users.count();
    }

    public Optional<Account> find(String id) {
        return users.byId(id).map(row -> row.account(credits.balance(row.id())));
    }

    /** A new active user; refuses a malformed email, a weak password or an email already taken. */
    @Transactional
    public Account create(String email, String password, Role role, String fullName) {
        if (email == null || !EMAIL.matcher(email.trim()).matches() || email.length() > 320) {
            throw badRequest("'email' must be a valid email address.");
        }
        checkPassword(password);
        checkLength("full_name", fullName, 200);
        if (users.idByEmail(email).isPresent()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "A user with this email already exists.");
        }
        try {
            var id = users.insert(email, passwords.encode(password), fullName, role == null ? Role.USER : role);
            var terms = newUserTerms.forNewUser(System.currentTimeMillis());
            users.updateSubscription(id, terms.active(), terms.trialUntilMillis(), false);
            log.info("Created user {} with role {}", id, role);
            return find(id).orElseThrow();
        } catch (DataIntegrityViolationException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "A user with this email already exists.");
        }
    }

    /** Applies an admin's change; an admin cannot demote or deactivate itself (that could lock everyone out). */
    @Transactional
    public Account update(String id, AccountChange change, Caller admin) {
        var user = users.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No user with id " + id + "."));
        var self = user.id().equals(admin.userId());
        if (self && (change.role() == Role.USER || Boolean.FALSE.equals(change.active()))) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "You cannot remove your own admin role or deactivate yourself.");
        }
        if (change.role() != null) {
            users.updateRole(id, change.role());
        }
        if (change.active() != null) {
            users.updateActive(id, change.active());
        }
        if (change.password() != null) {
            setPassword(id, change.password());
            log.info("Admin {} reset the password of user {}", admin.userId(), id);
        }
        users.updateSubscription(id, change.hasSubscription(), change.trialUntilMillis(), change.clearTrial());
        if (change.creditGrant() != null) {
            checkGrant(change.creditGrant(), credits.balance(id).granted());
            checkLength("note", change.note(), 500);
            credits.grant(id, change.creditGrant(), admin.userId(), change.note());
        }
        invalidate(id);
        return find(id).orElseThrow();
    }

    public Settings settings(String userId) {
        var user = users.byId(userId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such user."));
        return preferences.of(user).orElseGet(() -> Preferences.defaults(user));
    }

    /**
     * Changes the user's own settings. The profile's rules hold for the API and the console alike: names at most 100
     * characters without control characters, a username of 3 to 100 letters, digits, dots, dashes or underscores; a
     * refused value is an {@link InvalidField} naming it.
     */
    @Transactional
    public Settings updateSettings(String userId, Settings.Change change) {
        checkText("full_name", change.fullName());
        checkText("first_name", change.firstName());
        checkText("last_name", change.lastName());
        checkText("username", change.username());
        if (change.username() != null && !change.username().isEmpty() && !USERNAME.matcher(change.username()).matches()) {
            throw new InvalidField("username", "must be 3 to 100 letters, digits, dots, dashes or underscores.");
        }
        var current = settings(userId);
        if (change.byokProvider() != null && !change.byokProvider().isEmpty() && !NAME.matcher(change.byokProvider()).matches()) {
            throw badRequest("'byok_provider' must be a provider id such as 'openai'.");
        }
        var next = new Settings(current.email(), pick(change.fullName(), current.fullName()), pick(change.username(), current.username()),
                pick(change.firstName(), current.firstName()), pick(change.lastName(), current.lastName()),
                pick(change.emailNotifications(), current.emailNotifications()), pick(change.marketingEmails(), current.marketingEmails()),
                pick(change.llmMode(), current.llmMode()), emptyToNull(pick(change.byokProvider(), current.byokProvider())));
        preferences.save(userId, next);
        if (change.fullName() != null) {
            preferences.saveFullName(userId, change.fullName());
        }
        invalidate(userId);
        return next;
    }

    /** The credits left below which the console warns the user on every page; empty for no alert. */
    public Optional<Money> creditAlert(String userId) {
        return preferences.creditAlert(userId);
    }

    /** Sets the user's credit alert ({@code belowUsd} null removes it), checked by {@link #creditAlertOf}. */
    public void setCreditAlert(String userId, java.math.BigDecimal belowUsd) {
        preferences.saveCreditAlert(userId, belowUsd == null ? null : creditAlertOf(belowUsd));
    }

    /**
     * The one rule for a credit alert, for the console's profile and {@code /api/users/me/settings} alike: an amount in
     * USD from 0 to a million with at most 9 decimals; else an {@link InvalidField} on {@code credit_alert_usd}.
     */
    public static Money creditAlertOf(java.math.BigDecimal belowUsd) {
        try {
            var below = Money.ofUsd(belowUsd);
            if (below.isNegative() || below.nanoUsd() > MAX_GRANT.nanoUsd()) {
                throw new IllegalArgumentException();
            }
            return below;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InvalidField("credit_alert_usd", "must be an amount in USD from 0 to 1000000 with at most 9 decimals.");
        }
    }

    /** The user's credit alert when it is due: its credits left are below the amount it chose. */
    public Optional<CreditAlert> creditAlertDue(String userId) {
        return creditAlert(userId).flatMap(below -> {
            var left = credits.balance(userId).remaining();
            return left.nanoUsd() < below.nanoUsd() ? Optional.of(new CreditAlert(left, below)) : Optional.empty();
        });
    }

    /** Credits left below the amount the user asked to be warned at. */
    public record CreditAlert(Money remaining, Money below) {
    }

    /** Sets a user's password (its owner's change, or an admin's reset) and ends the access tokens issued before. */
    void setPassword(String userId, String newPassword) {
        checkPassword(newPassword);
        users.updatePassword(userId, passwords.encode(newPassword), System.currentTimeMillis());
        invalidate(userId);
    }

    private void invalidate(String userId) {
        callers.invalidate(userId);
        gatewayKeys.invalidateUser(userId);
    }

    /** The most one grant may add or take back, and the most a balance may hold: far beyond use, far inside a long of nano-USD. */
    static final Money MAX_GRANT = Money.ofUsd("1000000");
    static final Money MAX_BALANCE = Money.ofUsd("1000000000");

    private static void checkGrant(Money grant, Money balance) {
        if (grant.equals(Money.ZERO)) {
            throw badRequest("'credits_grant' must not be zero.");
        }
        if (grant.nanoUsd() > MAX_GRANT.nanoUsd() || grant.nanoUsd() < -MAX_GRANT.nanoUsd()) {
            throw badRequest("'credits_grant' must be at most " + MAX_GRANT.toUsd().toPlainString() + " USD either way.");
        }
        var after = balance.nanoUsd() + grant.nanoUsd();
        if (after > MAX_BALANCE.nanoUsd() || after < -MAX_BALANCE.nanoUsd()) {
            throw badRequest("'credits_grant' would take the balance past " + MAX_BALANCE.toUsd().toPlainString() + " USD.");
        }
    }

    private static void checkText(String field, String value) {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_PROFILE_TEXT) {
            throw new InvalidField(field, "must be at most " + MAX_PROFILE_TEXT + " characters long.");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidField(field, "must not contain control characters.");
        }
    }

    static void checkLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw badRequest("'" + field + "' must be at most " + max + " characters long.");
        }
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < 8) {
            throw badRequest("'password' must be at least 8 characters long.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw badRequest("'password' must be at most 72 bytes long.");
        }
    }

    private static ResponseStatusException badRequest(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }

    private static <T> T pick(T changed, T current) {
        return changed != null ? changed : current;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * An admin's change to a user; each null field is left as it is. {@code password} resets it (ending the user's access
     * tokens); {@code creditGrant} adds to the credits ledger; {@code hasSubscription} and {@code trialUntilMillis} set the
     * user's subscription and trial ({@code clearTrial} ends a trial without a new date). {@link #toString()} leaves the
     * password out.
     */
    public record AccountChange(Role role, Boolean active, Money creditGrant, String note, String password, Boolean hasSubscription,
                                Long trialUntilMillis, boolean clearTrial) {

        public AccountChange(Role role, Boolean active, Money creditGrant, String note, String password) {
            this(role, active, creditGrant, note, password, null, null, false);
        }

        @Override
        public String toString() {
            return "AccountChange[" + role + ", " + active + ", " + creditGrant + "]";
        }
    }
}
