package dev.switchboard.provider.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Masks a credential that an upstream echoes back in a message meant for the client, in the forms it is echoed in:
 * verbatim in any letter case, percent-encoded (as a URL or form would carry it, or every byte escaped), base64
 * (standard and URL-safe, at any alignment, so also inside {@code user:key} Basic credentials), and truncated: any run
 * of {@link #MIN_RUN} or more characters of any of those forms is replaced by {@code ****}. Linear in the text: each
 * position is looked up once in a table of the secrets' {@value #MIN_RUN}-character windows.
 */
public final class SecretMask {

    /** The shortest run of a secret that is masked: shorter runs say nothing useful about it. */
    public static final int MIN_RUN = 8;
    private static final String MASK = "****";

    private SecretMask() {
    }

    public static String clean(String text, List<String> secrets) {
        if (text == null || text.length() < MIN_RUN || secrets.isEmpty()) {
            return text;
        }
        var windows = new HashMap<String, List<String>>();
        for (var secret : secrets) {
            if (secret != null && secret.length() >= MIN_RUN) {
                forms(secret).forEach(form -> index(form.toLowerCase(Locale.ROOT), windows));
            }
        }
        return windows.isEmpty() ? text : mask(text, windows);
    }

    /** The forms a secret travels in. */
    static List<String> forms(String secret) {
        var bytes = secret.getBytes(StandardCharsets.UTF_8);
        var forms = new ArrayList<String>();
        forms.add(secret);
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        var escaped = new StringBuilder();
        for (var b : bytes) {
            escaped.append('%').append(HexFormat.of().toHexDigits(b));
        }
        forms.add(escaped.toString());
        for (var shift = 0; shift < 3; shift++) {
            forms.add(base64Core(Base64.getEncoder(), bytes, shift));
            forms.add(base64Core(Base64.getUrlEncoder(), bytes, shift));
        }
        return forms;
    }

    /**
     * The base64 characters that depend only on the secret when it follows {@code shift} other bytes: the first
     * character it shares with what precedes it and the last it shares with what follows are left out.
     */
    private static String base64Core(Base64.Encoder encoder, byte[] secret, int shift) {
        var padded = new byte[shift + secret.length];
        System.arraycopy(secret, 0, padded, shift, secret.length);
        var encoded = encoder.withoutPadding().encodeToString(padded);
        var from = shift == 0 ? 0 : (shift * 8 + 5) / 6;
        var to = ((shift + secret.length) * 8) / 6;
        return from >= to ? "" : encoded.substring(from, to);
    }

    private static void index(String form, Map<String, List<String>> windows) {
        for (var i = 0; i + MIN_RUN <= form.length(); i++) {
            windows.computeIfAbsent(form.substring(i, i + MIN_RUN), k -> new ArrayList<>()).add(form.substring(i));
        }
    }

    private static String mask(String text, Map<String, List<String>> windows) {
        var lower = text.toLowerCase(Locale.ROOT);
        if (lower.length() != text.length()) {
            lower = text; // a case mapping that changes lengths: compare as written
        }
        var out = new StringBuilder(text.length());
        var i = 0;
        while (i < text.length()) {
            var run = i + MIN_RUN <= lower.length() ? longestRun(lower, i, windows.get(lower.substring(i, i + MIN_RUN))) : 0;
            if (run >= MIN_RUN) {
                out.append(MASK);
                i += run;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    /** The longest stretch of the text from {@code at} that continues one of the secret's forms. */
    private static int longestRun(String text, int at, List<String> continuations) {
        if (continuations == null) {
            return 0;
        }
        var best = 0;
        for (var rest : continuations) {
            var n = 0;
            while (n < rest.length() && at + n < text.length() && text.charAt(at + n) == rest.charAt(n)) {
                n++;
            }
            best = Math.max(best, n);
        }
        return best;
    }
}
