package dev.switchboard.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Makes the embedded default work with no configuration: creates {@code SWITCHBOARD_DATA_DIR} before any bean opens
 * it. (The SQLite URL itself is in application.yml, resolved against {@code switchboard.data-dir} when the data
 * source is bound, so every way of setting the directory, tests' included, is honoured.)
 */
@Configuration(proxyBeanMethods = false)
class DataDirectory {

    @Bean
    static BeanFactoryPostProcessor createDataDirectory(Environment environment) {
        return beanFactory -> {
            var dir = Path.of(environment.getProperty("switchboard.data-dir", "./data")).toAbsolutePath().normalize();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data directory " + dir, e);
            }
        };
    }
}
