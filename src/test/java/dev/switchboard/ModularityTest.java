package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The feature packages keep to their public surfaces, and their arrows are the ones ARCHITECTURE.md draws: each module
 * declares the modules it may use ({@code allowedDependencies} in its {@code package-info}), {@link #DRAWING} is that
 * picture, and {@code verify()} fails the build on any other arrow (an empty list allows none; a module that left it
 * out would allow every arrow, which {@link #shouldDeclareExactlyTheArrowsOfTheDrawing} refuses).
 */
class ModularityTest {

    /** Who may call whom: arrows point inwards, and provider, money, ops and responses depend on no other feature. */
    static final Map<String, Set<String>> DRAWING = Map.ofEntries(
            Map.entry("access", Set.of("money")),
            Map.entry("budget", Set.of("access", "money", "ops")),
            Map.entry("catalog", Set.of("access", "money", "provider")),
            Map.entry("vault", Set.of("access", "catalog", "metering", "money")),
            Map.entry("metering", Set.of("access", "catalog", "money", "ops", "provider")),
            Map.entry("gateway", Set.of("access", "budget", "catalog", "metering", "money", "provider", "responses", "routing", "vault")),
            Map.entry("responses", Set.of()),
            Map.entry("routing", Set.of("access", "catalog")),
            Map.entry("compat", Set.of("access", "catalog")),
            Map.entry("console", Set.of("access", "budget", "catalog", "gateway", "metering", "money", "prompt", "vault")),
            Map.entry("conversation", Set.of("access", "catalog", "gateway", "money", "provider")),
            Map.entry("prompt", Set.of("access", "catalog", "gateway", "metering", "money")),
            Map.entry("provider", Set.of()),
            Map.entry("money", Set.of()),
            Map.entry("ops", Set.of()));

    private final ApplicationModules modules = ApplicationModules.of(SwitchboardApplication.class);

    @Test
    void shouldKeepModuleBoundariesAndTheDeclaredArrows() {
        modules.verify();
    }

    @Test
    void shouldDeclareExactlyTheArrowsOfTheDrawing() throws Exception {
        var declared = new TreeMap<String, Set<String>>();
        for (var module : modules) {
            var name = module.getIdentifier().toString();
            var annotation = Class.forName(module.getBasePackage().getName() + ".package-info").getAnnotation(ApplicationModule.class);
            assertThat(annotation).as("package-info of " + name).isNotNull();
            declared.put(name, new TreeSet<>(Arrays.asList(annotation.allowedDependencies())));
        }
        assertThat(declared).isEqualTo(new TreeMap<>(DRAWING));
    }

    @Test
    void shouldGiveModulesWithoutArrowsNoDependencies() {
        DRAWING.forEach((name, arrows) -> {
            if (arrows.isEmpty()) {
                var module = modules.getModuleByName(name).orElseThrow();
                assertThat(module.getDirectDependencies(modules).stream().map(d -> d.getTargetModule().getIdentifier().toString()).toList())
                        .as(name).isEmpty();
            }
        });
    }
}
