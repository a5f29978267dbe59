package dev.switchboard.access.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.access.Accounts;
import dev.switchboard.access.Caller;
import dev.switchboard.access.InvalidField;
import dev.switchboard.access.LlmMode;
import dev.switchboard.access.Logins;
import jakarta.servlet.http.HttpServletRequest;
import dev.switchboard.access.Settings;
import dev.switchboard.money.Money;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The caller's own account and settings: {@code /api/users/me}, {@code /api/users/me/settings}. */
@RestController
class MeController {

    private final Accounts accounts;
    private final Logins logins;

    MeController(Accounts accounts, Logins logins) {
        this.accounts = accounts;
        this.logins = logins;
    }

    /**
     * {@code POST /api/users/me/password} {@code {"current_password", "new_password"}}: the owner changes its password.
     * Every access token issued before stops working; the answer carries a fresh one for this session.
     */
    @PostMapping("/api/users/me/password")
    LoginToken changePassword(Caller caller, @RequestBody PasswordChange body, HttpServletRequest request) {
        if (body.newPassword() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'new_password' is required.");
        }
        var token = logins.changePassword(caller.userId(), body.currentPassword(), body.newPassword(), request.getRemoteAddr());
        return new LoginToken(token.token(), "bearer", token.expiresInSeconds());
    }

    /** {@link #toString()} leaves both passwords out. */
    record PasswordChange(@JsonProperty("current_password") String currentPassword, @JsonProperty("new_password") String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[****]";
        }
    }

    record LoginToken(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
                      @JsonProperty("expires_in") long expiresIn) {
        @Override
        public String toString() {
            return "LoginToken[****]";
        }
    }

    @GetMapping("/api/users/me")
    UserView me(Caller caller) {
        return accounts.find(caller.userId()).map(UserView::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Your user no longer exists."));
    }

    @GetMapping("/api/users/me/settings")
    SettingsView settings(Caller caller) {
        return view(caller.userId());
    }

    /**
     * Changes the fields the body holds (PUT and PATCH alike). {@code credit_alert_usd}: the credits left below which
     * every console page shows a banner, a number of USD ({@link Accounts#creditAlertOf}'s rule), or null to remove it;
     * it is checked before anything is saved.
     */
    @RequestMapping(path = "/api/users/me/settings", method = {RequestMethod.PUT, RequestMethod.PATCH})
    SettingsView updateSettings(Caller caller, @RequestBody SettingsView body) {
        var alert = body.creditAlertUsd();
        var below = alert == null || alert.isNull() ? null : creditAlert(alert);
        LlmMode mode = null;
        if (body.llmMode() != null) {
            mode = LlmMode.fromWire(body.llmMode()).orElseThrow(() ->
                    new ResponseStatusException(HttpStatus.BAD_REQUEST, "'llm_mode' must be 'member' or 'byok'."));
        }
        var change = new Settings.Change(body.fullName(), body.username(), body.firstName(), body.lastName(),
                body.emailNotifications(), body.marketingEmails(), mode, body.byokProvider());
        try {
            accounts.updateSettings(caller.userId(), change);
        } catch (InvalidField e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        if (alert != null) {
            accounts.setCreditAlert(caller.userId(), below == null ? null : below.toUsd());
        }
        return view(caller.userId());
    }

    private static Money creditAlert(JsonNode alert) {
        try {
            if (!alert.isNumber()) {
                throw new InvalidField("credit_alert_usd", "must be an amount in USD from 0 to 1000000 with at most 9 decimals.");
            }
            return Accounts.creditAlertOf(alert.decimalValue());
        } catch (InvalidField e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private SettingsView view(String userId) {
        return SettingsView.of(accounts.settings(userId), accounts.creditAlert(userId).orElse(null));
    }

    /** Settings on the wire; on PUT, each absent field keeps its value and {@code email} is read-only. */
    record SettingsView(String email, @JsonProperty("full_name") String fullName, String username,
                        @JsonProperty("first_name") String firstName, @JsonProperty("last_name") String lastName,
                        @JsonProperty("email_notifications") Boolean emailNotifications,
                        @JsonProperty("marketing_emails") Boolean marketingEmails,
                        @JsonProperty("llm_mode") String llmMode, @JsonProperty("byok_provider") String byokProvider,
                        @JsonProperty("credit_alert_usd") JsonNode creditAlertUsd) {

        static SettingsView of(Settings s, Money creditAlert) {
            return new SettingsView(s.email(), s.fullName(), s.username(), s.firstName(), s.lastName(), s.emailNotifications(),
                    s.marketingEmails(), s.llmMode().wire(), s.byokProvider(),
                    creditAlert == null ? null : JsonNodeFactory.instance.numberNode(creditAlert.toUsd().stripTrailingZeros()));
        }
    }
}
