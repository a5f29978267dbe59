package dev.switchboard.access.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.access.Logins;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/login/access-token}: the OAuth2 password form ({@code username} is the email) → a bearer token. */
@RestController
class LoginController {

    private final Logins logins;

    LoginController(Logins logins) {
        this.logins = logins;
    }

    @PostMapping(path = "/api/login/access-token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    TokenResponse accessToken(@RequestParam(required = false) String username, @RequestParam(required = false) String password,
                              HttpServletRequest request) {
        var token = logins.login(username, password, request.getRemoteAddr());
        return new TokenResponse(token.token(), "bearer", token.expiresInSeconds());
    }

    record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
                         @JsonProperty("expires_in") long expiresIn) {
        @Override
        public String toString() {
            return "TokenResponse[****]";
        }
    }
}
