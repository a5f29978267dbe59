package dev.switchboard.console;

import java.util.List;

import dev.switchboard.access.AdminRoutes;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    /** The console's admin pages are guarded by access's admin interceptor, like {@code /api/admin/**}. */
    @Bean
    AdminRoutes consoleAdminRoutes() {
        return new AdminRoutes(List.of("/admin", "/admin/**"));
    }

    @Bean
    FilterRegistrationBean<ConsoleSession> consoleSession() {
        var registration = new FilterRegistrationBean<>(new ConsoleSession());
        registration.addUrlPatterns("/*");
        return registration;
    }
}
