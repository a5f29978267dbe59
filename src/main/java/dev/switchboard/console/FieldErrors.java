package dev.switchboard.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.switchboard.access.InvalidField;

/**
 * A form's refusals by field, so that each is shown next to the field that caused it. The rules are the services' own
 * (they throw {@link InvalidField} naming the field): a form only puts its label before the rule's words.
 */
final class FieldErrors {

    private final Map<String, String> errors = new LinkedHashMap<>();

    /** The checked value, or null with the refusal kept under its field as "{@code label} {@code rule}". */
    <T> T check(String label, Supplier<T> rule) {
        try {
            return rule.get();
        } catch (InvalidField e) {
            reject(e.field(), label + " " + e.rule());
            return null;
        }
    }

    void reject(String field, String message) {
        errors.putIfAbsent(field, message.endsWith(".") ? message : message + ".");
    }

    boolean any() {
        return !errors.isEmpty();
    }

    Map<String, String> asMap() {
        return errors;
    }
}
