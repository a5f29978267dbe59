package dev.switchboard.ops;

/** A main class with a generated initialiser beside it ({@link GeneratedApp__ApplicationContextInitializer}), for {@link SpringAotTest}. */
final class GeneratedApp {
}
