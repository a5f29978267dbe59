package dev.switchboard.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Makes the embedded default work with no configuration: creates {@code SWITCHBOARD_DATA_DIR} before any bean opens
 * it, readable by the owner only (0700), and the embedded database file at 0600 before SQLite opens it; SQLite gives its
 * {@code -wal} and {@code -shm} files the database file's mode, so they are owner-only too (existing ones are tightened).
 * The data stays unreadable to other local users, like the keyset beside it. (The SQLite URL itself is in
 * application.yml, resolved against {@code switchboard.data-dir} when the data source is bound, so every way of setting
 * the directory, tests' included, is honoured.)
 */
@Configuration(proxyBeanMethods = false)
class DataDirectory {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    @Bean
    static BeanFactoryPostProcessor createDataDirectory(Environment environment) {
        return beanFactory -> {
            var dir = Path.of(environment.getProperty("switchboard.data-dir", "./data")).toAbsolutePath().normalize();
            try {
                if (Files.notExists(dir)) {
                    Files.createDirectories(dir);
                    restrict(dir, "rwx------");
                }
                var url = environment.getProperty("spring.datasource.url", "");
                if (url.startsWith("jdbc:sqlite:")) {
                    protectDatabase(Path.of(url.substring("jdbc:sqlite:".length()).split("\\?", 2)[0]).toAbsolutePath().normalize());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the data directory " + dir, e);
            }
        };
    }

    private static void protectDatabase(Path database) throws IOException {
        if (Files.notExists(database) && Files.isDirectory(database.getParent())) {
            Files.createFile(database);
        }
        for (var file : List.of(database, Path.of(database + "-wal"), Path.of(database + "-shm"))) {
            if (Files.exists(file)) {
                restrict(file, "rw-------");
            }
        }
    }

    private static void restrict(Path path, String permissions) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
