package dev.switchboard.provider;

/** The upstream wire formats that Switchboard speaks; each has one adapter. */
public enum WireFormat {
    OPENAI, ANTHROPIC, GEMINI;

    public static WireFormat of(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
