package dev.switchboard.console;

import java.util.List;

/**
 * The paths the console answers. Only these read the session cookie: every other path (the API, {@code /v1}, the seeds'
 * paths) keeps its own credentials, so a browser's cookie can never authorise an API call (no cross-site request
 * forgery there).
 */
final class ConsolePaths {

    static final List<String> PREFIXES = List.of("/login", "/logout", "/models", "/keys", "/profile", "/usage", "/playground", "/admin");

    private ConsolePaths() {
    }

    static boolean isConsole(String path) {
        return "/".equals(path) || PREFIXES.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }
}
