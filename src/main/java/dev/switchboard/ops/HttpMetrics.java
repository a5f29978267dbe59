package dev.switchboard.ops;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Spring's {@code http.server.requests} observation for the console and the management API, but not for the inference
 * API ({@code /v1/**}): there every call that reached a provider is measured by the usage log's own metrics
 * ({@code switchboard_requests}, {@code switchboard_request_duration_seconds}, by endpoint, provider, model and status),
 * and an observation per call (its context, its key values, a timer looked up by six tags) was a twentieth of the
 * gateway's CPU per request. What the usage log does not see, the answers given without calling a provider (401, 400,
 * 402, 429, 413, ...), is counted here by status, from a map of counters built once each:
 * {@code switchboard_inference_answers_total{status}}.
 * <p>
 * Replaces Spring Boot's own registration of the filter (it backs off when one exists).
 */
@Configuration(proxyBeanMethods = false)
class HttpMetrics {

    static final String INFERENCE = "/v1/";

    @Bean
    FilterRegistrationBean<ServerHttpObservationFilter> webMvcObservationFilter(ObservationRegistry observations, MeterRegistry meters) {
        var registration = new FilterRegistrationBean<ServerHttpObservationFilter>(new Filter(observations, meters));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    /** Observes every path but the inference API's, whose answers it counts by status instead. */
    static final class Filter extends ServerHttpObservationFilter {

        private final MeterRegistry meters;
        private final ConcurrentHashMap<Integer, Counter> answers = new ConcurrentHashMap<>();

        Filter(ObservationRegistry observations, MeterRegistry meters) {
            super(observations);
            this.meters = meters;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!request.getRequestURI().startsWith(INFERENCE)) {
                super.doFilterInternal(request, response, chain);
                return;
            }
            try {
                chain.doFilter(request, response);
            } finally {
                answers.computeIfAbsent(response.getStatus(), status -> Counter.builder("switchboard.inference.answers")
                        .description("Answers of the inference API (/v1/**) by HTTP status, refusals included").tag("status", Integer.toString(status))
                        .register(meters)).increment();
            }
        }
    }
}
