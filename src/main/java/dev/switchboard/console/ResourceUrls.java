package dev.switchboard.console;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * The console's pages link their scripts and styles through the resource chain (versioned webjar URLs), which needs
 * {@link ResourceUrlEncodingFilter}; the inference API ({@code /v1/**}) renders no page, and there the filter's request
 * wrapper worked out the lookup path of every call again for nothing. Replaces Spring Boot's registration (it backs off
 * when one exists).
 */
@Configuration(proxyBeanMethods = false)
class ResourceUrls {

    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        var registration = new FilterRegistrationBean<ResourceUrlEncodingFilter>(new PagesOnly());
        registration.addUrlPatterns("/*");
        return registration;
    }

    static final class PagesOnly extends ResourceUrlEncodingFilter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws ServletException, IOException {
            if (request instanceof HttpServletRequest http && http.getRequestURI().startsWith("/v1/")) {
                chain.doFilter(request, response);
                return;
            }
            super.doFilter(request, response, chain);
        }
    }
}
