package dev.switchboard.catalog;

/**
 * An admin's catalog change that was not made: something it named does not exist ({@link Kind#NOT_FOUND}), or a field
 * is invalid ({@link Kind#INVALID}: a bad value, an unknown provider or kind, a name or alias already taken). {@code field}
 * is the admin API's name for the field at fault, null when none.
 */
public final class CatalogChangeRefused extends RuntimeException {

    public enum Kind {
        INVALID, NOT_FOUND
    }

    private final Kind kind;
    private final String field;

    private CatalogChangeRefused(Kind kind, String field, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.field = field;
    }

    public static CatalogChangeRefused invalid(String field, String message) {
        return new CatalogChangeRefused(Kind.INVALID, field, message);
    }

    public static CatalogChangeRefused notFound(String message) {
        return new CatalogChangeRefused(Kind.NOT_FOUND, null, message);
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
