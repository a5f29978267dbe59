package dev.switchboard.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.switchboard.SwitchboardApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * compat holds no rule of its own: it reaches the features only through their routes (re-dispatched) and a handful of
 * public types of access and catalog, never budget, vault, metering, gateway or the database, where the rules and the
 * data live; and no module depends on it.
 */
class CompatModuleTest {

    private static final Set<String> RULE_HOLDERS = Set.of("dev.switchboard.budget", "dev.switchboard.vault", "dev.switchboard.metering",
            "dev.switchboard.gateway", "dev.switchboard.provider", "dev.switchboard.money");
    private final ApplicationModules modules = ApplicationModules.of(SwitchboardApplication.class);
    /** The module's own classes: not the bean definitions that Spring's AOT processing generates beside them at package. */
    private final Iterable<JavaClass> compat = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("__")).importPackages("dev.switchboard.compat");

    @Test
    void shouldUseOnlyPublicTypesOfTheBasePackagesOfAccessAndCatalog() {
        var used = new TreeSet<String>();
        for (var type : compat) {
            type.getDirectDependenciesFromSelf().stream().map(d -> d.getTargetClass().getBaseComponentType())
                    .filter(t -> t.getPackageName().startsWith("dev.switchboard.") && !t.getPackageName().startsWith("dev.switchboard.compat"))
                    .forEach(t -> {
                        assertThat(t.getPackageName()).as(type.getName() + " uses " + t.getName())
                                .isIn("dev.switchboard.access", "dev.switchboard.catalog");
                        assertThat(t.getModifiers()).as(t.getName()).contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC);
                        used.add(t.getName());
                    });
        }
        assertThat(used).containsExactlyInAnyOrder("dev.switchboard.access.AccessDenied", "dev.switchboard.access.AdminRoutes",
                "dev.switchboard.access.AuthenticationRequired", "dev.switchboard.access.Caller", "dev.switchboard.catalog.Catalog",
                "dev.switchboard.catalog.Model");
    }

    @Test
    void shouldTouchNeitherTheRuleHoldersNorTheDatabase() {
        for (var type : compat) {
            type.getDirectDependenciesFromSelf().forEach(d -> {
                var target = d.getTargetClass().getPackageName();
                assertThat(RULE_HOLDERS.stream().anyMatch(target::startsWith)).as(type.getName() + " -> " + d.getTargetClass().getName()).isFalse();
                assertThat(target).as(type.getName() + " -> " + d.getTargetClass().getName())
                        .doesNotStartWith("org.springframework.jdbc").doesNotStartWith("java.sql");
            });
        }
    }

    @Test
    void shouldBeUsedByNoOtherModule() {
        modules.forEach(module -> assertThat(module.getDirectDependencies(modules).stream()
                .map(d -> d.getTargetModule().getIdentifier().toString()))
                .as(module.getIdentifier().toString()).doesNotContain("compat"));
    }

    @Test
    void shouldKeepItsOwnTypesPackagePrivate() {
        for (var type : compat) {
            if (!type.getSimpleName().equals("package-info") && type.getEnclosingClass().isEmpty()) {
                assertThat(Modifier.isPublic(type.reflect().getModifiers())).as(type.getName()).isFalse();
            }
        }
    }
}
