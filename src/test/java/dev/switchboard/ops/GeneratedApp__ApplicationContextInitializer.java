package dev.switchboard.ops;

/** Stands for what Spring's AOT processing generates beside a main class, for {@link SpringAotTest}. */
final class GeneratedApp__ApplicationContextInitializer {
}
