package dev.switchboard.access.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.access.Accounts;
import dev.switchboard.access.Caller;
import dev.switchboard.access.InvalidField;
import dev.switchboard.access.LlmMode;
import dev.switchboard.access.Logins;
import jakarta.servlet.http.HttpServletRequest;
import dev.switchboard.access.Settings;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
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
        return SettingsView.of(accounts.settings(caller.userId()));
    }

    @PutMapping("/api/users/me/settings")
    SettingsView updateSettings(Caller caller, @RequestBody SettingsView body) {
        LlmMode mode = null;
        if (body.llmMode() != null) {
            mode = LlmMode.fromWire(body.llmMode()).orElseThrow(() ->
                    new ResponseStatusException(HttpStatus.BAD_REQUEST, "'llm_mode' must be 'member' or 'byok'."));
        }
        var change = new Settings.Change(body.fullName(), body.username(), body.firstName(), body.lastName(),
                body.emailNotifications(), body.marketingEmails(), mode, body.byokProvider());
        try {
            return SettingsView.of(accounts.updateSettings(caller.userId(), change));
        } catch (InvalidField e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** Settings on the wire; on PUT, each absent field keeps its value and {@code email} is read-only. */
    record SettingsView(String email, @JsonProperty("full_name") String fullName, String username,
                        @JsonProperty("first_name") String firstName, @JsonProperty("last_name") String lastName,
                        @JsonProperty("email_notifications") Boolean emailNotifications,
                        @JsonProperty("marketing_emails") Boolean marketingEmails,
                        @JsonProperty("llm_mode") String llmMode, @JsonProperty("byok_provider") String byokProvider) {

        static SettingsView of(Settings s) {
            return new SettingsView(s.email(), s.fullName(), s.username(), s.firstName(), s.lastName(), s.emailNotifications(),
                    s.marketingEmails(), s.llmMode().wire(), s.byokProvider());
        }
    }
}
