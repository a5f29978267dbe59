package dev.switchboard.access;

/**
 * A value a person typed that a rule refuses: {@link #field()} as the API names it and {@link #rule()} in words that
 * follow the field's name. The message is the API's ({@code 'field' rule}); a console form puts its own label before
 * the rule and shows it next to the field. Never carries the value (it may be a secret).
 */
public class InvalidField extends IllegalArgumentException {

    private final String field;
    private final String rule;

    public InvalidField(String field, String rule) {
        super("'" + field + "' " + rule);
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
