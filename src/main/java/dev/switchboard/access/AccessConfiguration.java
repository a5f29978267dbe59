package dev.switchboard.access;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class AccessConfiguration implements WebMvcConfigurer {

    private final Authenticator authenticator;
    private final List<AdminRoutes> adminRoutes;

    AccessConfiguration(Authenticator authenticator, List<AdminRoutes> adminRoutes) {
        this.authenticator = authenticator;
        this.adminRoutes = adminRoutes;
    }

    @Bean
    static PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver(authenticator));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        var guarded = registry.addInterceptor(new AdminOnly(authenticator)).addPathPatterns(AdminOnly.PATH);
        adminRoutes.forEach(routes -> guarded.addPathPatterns(routes.patterns()));
    }
}
