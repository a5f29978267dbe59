package dev.switchboard.ops;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Starts Switchboard from Spring's AOT processing when it can: {@code spring-boot:process-aot}, bound to the build's
 * {@code package}, writes the application's bean definitions as generated code, its configuration classes already parsed,
 * its {@code @Conditional}s already evaluated and its reflection replaced, so a start skips the class-path scan and the
 * condition evaluation (about a second of the start's four on this project's 2-core machine; bench/RESULTS.md, issue 16).
 *
 * <p>A start from the built jar uses that code unless {@code spring.aot.enabled} says otherwise ({@code -D} or
 * {@code spring.properties}); a start from classes ({@code spring-boot:run}, an IDE, the tests) never does by itself,
 * since generated code from an earlier {@code package} may no longer match them. The build evaluated each condition
 * with the settings pinned in pom.xml, the defaults: the management port its own ({@link ManagementPortType#DIFFERENT})
 * and the API docs on it. A run whose settings decide otherwise (the management port the main port's, or off; the
 * docs on the main port) starts the usual way, with a line in the log naming the setting: slower by that second, never
 * wired for settings it does not have.
 */
public final class SpringAot {

    private static final Logger log = LoggerFactory.getLogger(SpringAot.class);

    private SpringAot() {
    }

    /** Chooses how {@code application} starts: from the generated code when the jar holds it and the settings allow. */
    public static void choose(SpringApplication application, Class<?> main) {
        if (SpringProperties.getProperty(AotDetector.AOT_ENABLED) == null && builtInto(main)) {
            SpringProperties.setFlag(AotDetector.AOT_ENABLED);
        }
        if (AotDetector.useGeneratedArtifacts()) {
            application.addListeners((ApplicationListener<ApplicationEnvironmentPreparedEvent>) prepared ->
                    unlike(prepared.getEnvironment()).ifPresent(setting -> {
                        log.info("Starting without the build's AOT initialisation: {} (the build assumed the defaults)", setting);
                        SpringProperties.setProperty(AotDetector.AOT_ENABLED, "false");
                    }));
        }
    }

    /** Starts {@code application} the usual way: for a context other than the one the build generated (a command). */
    public static void off() {
        SpringProperties.setProperty(AotDetector.AOT_ENABLED, "false");
    }

    /** Whether {@code main} was loaded from a jar that holds its generated initialiser (so both come from one build). */
    static boolean builtInto(Class<?> main) {
        var own = main.getResource(main.getSimpleName() + ".class");
        return own != null && own.getProtocol().equals("jar")
                && ClassUtils.isPresent(main.getName() + "__ApplicationContextInitializer", main.getClassLoader());
    }

    /** The setting of {@code environment} that decides a condition unlike the build did, if any. */
    static Optional<String> unlike(Environment environment) {
        var management = ManagementPortType.get(environment);
        if (management != ManagementPortType.DIFFERENT) {
            return Optional.of("SWITCHBOARD_MANAGEMENT_PORT makes the management port " + (management == ManagementPortType.SAME
                    ? "the main port's" : "off") + ", not its own");
        }
        if (!environment.getProperty(ApiDocs.ON_MANAGEMENT_PORT, Boolean.class, true)) {
            return Optional.of("SWITCHBOARD_DOCS_ON_MANAGEMENT_PORT=false serves the API docs on the main port");
        }
        return Optional.empty();
    }
}
