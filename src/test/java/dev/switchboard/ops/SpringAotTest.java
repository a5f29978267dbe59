package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import dev.switchboard.SwitchboardApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/**
 * Which settings send a start from the built jar the usual way, since the build evaluated their conditions otherwise;
 * the start from the built jar itself is {@link SpringAotJarIT}'s.
 */
class SpringAotTest {

    @Test
    void shouldKeepTheGeneratedContextForTheDefaultsAndAnyPortsOfTheirOwn() {
        assertThat(SpringAot.unlike(new MockEnvironment().withProperty("management.server.port", "9090"))).isEmpty();
        assertThat(SpringAot.unlike(new MockEnvironment().withProperty("server.port", "8443").withProperty("management.server.port", "9443")
                .withProperty(ApiDocs.ON_MANAGEMENT_PORT, "true"))).isEmpty();
    }

    @Test
    void shouldNameTheSettingWhoseConditionsTheBuildDecidedOtherwise() {
        assertThat(SpringAot.unlike(new MockEnvironment().withProperty("server.port", "8080").withProperty("management.server.port", "8080")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("SWITCHBOARD_MANAGEMENT_PORT", "the main port's"));
        assertThat(SpringAot.unlike(new MockEnvironment().withProperty("management.server.port", "-1")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("SWITCHBOARD_MANAGEMENT_PORT", "off"));
        assertThat(SpringAot.unlike(new MockEnvironment().withProperty("management.server.port", "9090").withProperty(ApiDocs.ON_MANAGEMENT_PORT, "false")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("SWITCHBOARD_DOCS_ON_MANAGEMENT_PORT=false"));
    }

    @Test
    void shouldNotUseGeneratedCodeForClassesOutsideAJar() {
        // the tests' classes, like spring-boot:run's, are a directory: generated code beside them may be an older build's
        assertThat(SpringAot.builtInto(SwitchboardApplication.class)).isFalse();
        assertThat(SpringAot.builtInto(GeneratedApp.class)).as("its initialiser is there, but in a directory").isFalse();
    }

    @Test
    void shouldUseGeneratedCodeThatCameInTheSameJar(@TempDir Path dir) throws Exception {
        var jar = dir.resolve("app.jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (var type : List.of(GeneratedApp.class, GeneratedApp__ApplicationContextInitializer.class)) {
                var entry = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (var in = type.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
            }
        }
        try (var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(SpringAot.builtInto(loader.loadClass(GeneratedApp.class.getName()))).isTrue();
        }
    }
}
