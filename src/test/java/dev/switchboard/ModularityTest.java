package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The feature packages keep to their public surfaces, and {@code provider} depends on no other feature. */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(SwitchboardApplication.class);

    @Test
    void shouldKeepModuleBoundaries() {
        modules.verify();
    }

    @Test
    void shouldKeepProviderFreeOfOtherFeatures() {
        var provider = modules.getModuleByName("provider").orElseThrow();
        assertThat(provider.getDirectDependencies(modules).stream().map(d -> d.getTargetModule().getIdentifier().toString()).toList()).isEmpty();
    }
}
