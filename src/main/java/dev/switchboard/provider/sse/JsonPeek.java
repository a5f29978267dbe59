package dev.switchboard.provider.sse;

/**
 * Looks into a streamed event's JSON without parsing it: whether a member's name is followed by a colon (and a value
 * that begins with a given character). Every chunk of every stream passes through here, so the name is found with
 * {@link String#indexOf(String)} (a vectorised intrinsic) and only the few characters after each hit are looked at; the
 * regular expressions this replaces ({@code "usage"\s*:\s*\{|"error"\s*:}) tried a match at every position of every
 * chunk, a quarter of the gateway's CPU on the stream path. Whitespace is what {@code \s} matched.
 */
public final class JsonPeek {

    private JsonPeek() {
    }

    /** Whether {@code quotedName} (quotes included) occurs followed by optional whitespace and a colon. */
    public static boolean hasMember(String json, String quotedName) {
        for (var at = json.indexOf(quotedName); at >= 0; at = json.indexOf(quotedName, at + 1)) {
            if (valueAfter(json, at + quotedName.length()) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The same, with a value (after optional whitespace) that begins with {@code valueStart}: {@code '{'}, {@code '"'}. */
    public static boolean hasMember(String json, String quotedName, char valueStart) {
        for (var at = json.indexOf(quotedName); at >= 0; at = json.indexOf(quotedName, at + 1)) {
            var value = valueAfter(json, at + quotedName.length());
            if (value >= 0 && value < json.length() && json.charAt(value) == valueStart) {
                return true;
            }
        }
        return false;
    }

    /** Where the value begins after a name that ends at {@code end}: past whitespace, a colon, whitespace; -1 without a colon. */
    private static int valueAfter(String json, int end) {
        var colon = skipWhitespace(json, end);
        return colon < json.length() && json.charAt(colon) == ':' ? skipWhitespace(json, colon + 1) : -1;
    }

    private static int skipWhitespace(String json, int from) {
        var i = from;
        while (i < json.length() && isWhitespace(json.charAt(i))) {
            i++;
        }
        return i;
    }

    /** {@code \s} of {@link java.util.regex.Pattern}: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
