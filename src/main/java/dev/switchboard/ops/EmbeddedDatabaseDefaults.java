package dev.switchboard.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes the embedded default work with no configuration: creates {@code SWITCHBOARD_DATA_DIR} and,
 * unless {@code SPRING_DATASOURCE_URL} points elsewhere, uses SQLite in it (WAL, so readers never block
 * the usage writer, and {@code synchronous=NORMAL}, which survives a process crash).
 */
public class EmbeddedDatabaseDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        var dataDir = Path.of(environment.getProperty("switchboard.data-dir", "./data")).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        var url = "jdbc:sqlite:" + dataDir.resolve("switchboard.db")
                + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=10000&foreign_keys=true";
        environment.getPropertySources().addLast(new MapPropertySource("switchboardEmbeddedDatabase", Map.of(
                "spring.datasource.url", url,
                "spring.datasource.driver-class-name", "org.sqlite.JDBC")));
    }
}
