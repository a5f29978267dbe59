package dev.switchboard.console;

import java.util.List;

import dev.switchboard.access.Accounts;
import dev.switchboard.access.AdminRoutes;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    /** The console's admin pages are guarded by access's admin interceptor, like {@code /api/admin/**}. */
    @Bean
    AdminRoutes consoleAdminRoutes() {
        return new AdminRoutes(List.of("/admin", "/admin/**"));
    }

    /** The credit alert's banner on the console's pages (their paths only: the API answers as it did). */
    @Bean
    WebMvcConfigurer creditAlertBanner(Accounts accounts) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new CreditAlertBanner(accounts))
                        .addPathPatterns(ConsolePaths.PREFIXES.stream().flatMap(p -> java.util.stream.Stream.of(p, p + "/**")).toList());
            }
        };
    }

    @Bean
    FilterRegistrationBean<ConsoleSession> consoleSession() {
        var registration = new FilterRegistrationBean<>(new ConsoleSession());
        registration.addUrlPatterns("/*");
        return registration;
    }
}
