package dev.switchboard.ops;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Binds the management port to {@code SWITCHBOARD_MANAGEMENT_ADDRESS} (127.0.0.1 by default) when it is a port of its
 * own. When {@code SWITCHBOARD_MANAGEMENT_PORT} is the main port, the actuator answers on the main port's address and
 * Spring Boot refuses to start with any management address set, so none is. An explicit
 * {@code management.server.address} is left as it is.
 */
public final class ManagementAddress implements EnvironmentPostProcessor {

    static final String SETTING = "switchboard.management.address";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("management.server.address") || ManagementPortType.get(environment) != ManagementPortType.DIFFERENT) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource("switchboard-management-address",
                Map.of("management.server.address", environment.getProperty(SETTING, "127.0.0.1"))));
    }
}
