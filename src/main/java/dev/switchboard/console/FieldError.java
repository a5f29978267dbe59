package dev.switchboard.console;

import java.util.regex.Pattern;

import dev.switchboard.catalog.CatalogChangeRefused;
import dev.switchboard.gateway.Refusal;
import org.springframework.web.server.ResponseStatusException;

/**
 * A refusal from a service, and the form field it belongs to, so that the page shows it next to that field. The
 * services name their fields as the management API does ({@code credits_grant}, {@code context_window}); the forms use
 * those names for their errors. A refusal that names no field lands on {@code fallback}, the form's main field.
 */
record FieldError(String field, String message) {

    private static final Pattern QUOTED = Pattern.compile("^'([A-Za-z0-9_.\\[\\]]+)'");

    static FieldError of(ResponseStatusException e, String fallback) {
        var reason = e.getReason() == null ? "That was refused." : e.getReason();
        var quoted = QUOTED.matcher(reason);
        return new FieldError(quoted.find() ? quoted.group(1) : fallback, reason);
    }

    static FieldError of(CatalogChangeRefused e, String fallback) {
        return new FieldError(e.field() == null ? fallback : e.field(), e.getMessage());
    }

    static FieldError of(Refusal e, String fallback) {
        return new FieldError(e.param() == null ? fallback : e.param(), e.getMessage());
    }

    /** As the forms read their errors ({@code console/parts :: fieldError}): field name to message. */
    java.util.Map<String, String> asMap() {
        return java.util.Map.of(field, message);
    }
}
