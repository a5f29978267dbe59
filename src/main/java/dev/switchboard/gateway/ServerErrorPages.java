package dev.switchboard.gateway;

import java.io.IOException;

import org.apache.catalina.Container;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The servlet container's own error answers (a request it refuses before any filter runs: an encoded slash, a control
 * character in the path, a malformed query, an oversized header) are small JSON bodies in the path's dialect
 * ({@link ErrorBodies}) instead of Tomcat's HTML page: the host's error report valve is replaced by {@link JsonErrorReport}.
 * Runs after Spring Boot's own customizer, which installs the default valve.
 */
@Component
class ServerErrorPages implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> replaceValve(context.getParent()));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static void replaceValve(Container host) {
        var pipeline = host.getPipeline();
        for (var valve : pipeline.getValves()) {
            if (valve instanceof ErrorReportValve && !(valve instanceof JsonErrorReport)) {
                pipeline.removeValve(valve);
            }
        }
        pipeline.addValve(new JsonErrorReport());
        if (host instanceof org.apache.catalina.core.StandardHost standard) {
            standard.setErrorReportValveClass(JsonErrorReport.class.getName());
        }
    }

    /** Writes an error that nothing else answered as JSON: never a stack trace, never the server's version. */
    public static final class JsonErrorReport extends ErrorReportValve {

        public JsonErrorReport() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            var status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            var error = ErrorBodies.forPath(pathOf(request), status, status == 400 ? "invalid_request" : "error",
                    status >= 500 ? CallFailure.INTERNAL_MESSAGE : message(status), RequestIds.sanitised(null));
            try {
                response.setContentType(error.contentType());
                response.setCharacterEncoding("UTF-8");
                var out = response.getOutputStream();
                out.write(error.body());
                response.finishResponse();
            } catch (IOException | IllegalStateException ignored) {
                // the connection is being closed; nothing more can be said
            }
        }

        private static String message(int status) {
            return switch (status) {
                case 400 -> "The server could not read this request (a malformed path, query or header).";
                case 404 -> "Not found.";
                case 413 -> "The request is too large.";
                case 414 -> "The request URI is too long.";
                case 431 -> "The request's headers are too large.";
                default -> "The request could not be served.";
            };
        }

        /** The raw path as sent, when the request line could be read at all. */
        private static String pathOf(Request request) {
            try {
                var uri = request.getCoyoteRequest().requestURI().toString();
                return uri == null ? "" : uri;
            } catch (RuntimeException e) {
                return "";
            }
        }
    }
}
