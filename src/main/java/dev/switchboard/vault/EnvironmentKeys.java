package dev.switchboard.vault;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The providers' fallback keys from the environment ({@code OPENAI_API_KEY}, …). Which variable holds a provider's key is
 * catalog data ({@code key_env}), so the names are not known to a properties record; each is read once and kept.
 */
@Component
class EnvironmentKeys {

    private final Environment environment;
    private final ConcurrentMap<String, Optional<String>> keys = new ConcurrentHashMap<>();

    EnvironmentKeys(Environment environment) {
        this.environment = environment;
    }

    Optional<String> key(String variable) {
        return keys.computeIfAbsent(variable, name -> Optional.ofNullable(environment.getProperty(name))
                .map(String::trim).filter(value -> !value.isEmpty()));
    }
}
