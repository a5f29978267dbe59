package dev.switchboard.compat;

import java.util.List;

import dev.switchboard.access.AdminRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The seeds' admin paths outside {@code /api/admin/**}: guarded by access's admin interceptor, like that prefix. */
@Configuration(proxyBeanMethods = false)
class CompatConfiguration {

    @Bean
    AdminRoutes seedAdminRoutes() {
        return new AdminRoutes(List.of("/v2/admin/**", "/api/llm/keys/**", "/api/v1/admin/**", "/api/v1/billing/**"));
    }
}
