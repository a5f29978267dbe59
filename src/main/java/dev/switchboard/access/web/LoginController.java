package dev.switchboard.access.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.access.Logins;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/login/access-token}: the OAuth2 password form ({@code username} is the email) → a bearer token. The
 * credentials are read from the form body only: a URL ends up in access logs and browser histories, so credentials in
 * the query string are refused, and a body that is not a well-formed form is a 400.
 */
@RestController
class LoginController {

    private final Logins logins;

    LoginController(Logins logins) {
        this.logins = logins;
    }

    @PostMapping(path = "/api/login/access-token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    TokenResponse accessToken(HttpServletRequest request) throws java.io.IOException {
        var query = request.getQueryString();
        if (query != null && (query.contains("password") || query.contains("username"))) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Send the username and password in the form body, never in the URL.");
        }
        // read as sent: the servlet container's own parameter parsing would mix in the query and fail on a bad escape
        var form = form(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        var token = logins.login(form.get("username"), form.get("password"), request.getRemoteAddr());
        return new TokenResponse(token.token(), "bearer", token.expiresInSeconds());
    }

    /** {@code application/x-www-form-urlencoded}: the first value of each field; a malformed escape is the client's error. */
    static Map<String, String> form(String body) {
        var fields = new HashMap<String, String>();
        for (var pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            var equals = pair.indexOf('=');
            try {
                var name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                var value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                fields.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The form body is malformed (a bad %-escape).");
            }
        }
        return fields;
    }

    record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
                         @JsonProperty("expires_in") long expiresIn) {
        @Override
        public String toString() {
            return "TokenResponse[****]";
        }
    }
}
