package dev.switchboard.provider.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

import dev.switchboard.provider.ProviderException;
import dev.switchboard.provider.ProviderException.Kind;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one HTTP client for every provider (pooled keep-alive connections, no redirects), and the one place where
 * an upstream's HTTP failure becomes a {@link ProviderException}.
 */
@Component
public class UpstreamHttp {

    /** Where the providers' adapters put a credential: OpenAI family, Anthropic, Gemini. */
    private static final List<String> SECRET_HEADERS = List.of("Authorization", "x-api-key", "x-goog-api-key");

    private final HttpClient client;
    private final UpstreamProperties properties;
    private final JsonMapper json;

    UpstreamHttp(UpstreamProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /** A POST of a JSON body; plain-HTTP upstreams (local servers, mocks) get HTTP/1.1 with no h2c upgrade attempt. */
    public HttpRequest.Builder postJson(String url, byte[] body) {
        var uri = URI.create(url);
        var builder = HttpRequest.newBuilder(uri)
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        return builder;
    }

    /** Sends and reads the whole answer; a non-2xx answer becomes a {@link ProviderException}. */
    public byte[] send(String providerId, HttpRequest request) {
        var response = exchange(providerId, request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw error(providerId, response, response.body());
        }
        return response.body();
    }

    /** Sends and returns the open body of a 2xx answer, for streaming; the caller closes it. */
    public InputStream open(String providerId, HttpRequest request) {
        var response = exchange(providerId, request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 != 2) {
            byte[] body;
            try (var in = response.body()) {
                body = in.readNBytes(64 * 1024);
            } catch (IOException e) {
                body = new byte[0];
            }
            throw error(providerId, response, body);
        }
        return response.body();
    }

    /** The upstream's JSON answer; one that is not JSON is the upstream's failure. */
    public JsonNode readJson(String providerId, byte[] body) {
        try {
            return json.readTree(body);
        } catch (RuntimeException e) {
            throw new ProviderException(Kind.UPSTREAM_ERROR, 200, "The provider " + providerId + " answered with invalid JSON", null);
        }
    }

    private <T> HttpResponse<T> exchange(String providerId, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw failure(providerId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(Kind.UNREACHABLE, 0, "The request to " + providerId + " was interrupted", null);
        }
    }

    private ProviderException error(String providerId, HttpResponse<?> response, byte[] body) {
        return error(providerId, response.statusCode(), body, response.headers().firstValue("retry-after").orElse(null),
                secretsOf(response.request()));
    }

    /** The secrets a request presented (its auth headers), which an upstream's error message must never carry back. */
    private static List<String> secretsOf(HttpRequest request) {
        var secrets = new ArrayList<String>();
        for (var name : SECRET_HEADERS) {
            request.headers().allValues(name).forEach(value -> {
                var secret = value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : value.trim();
                if (secret.length() >= 8) {
                    secrets.add(secret);
                }
            });
        }
        return secrets;
    }

    /** A failure to talk to the upstream at all, or a connection that broke mid-way. */
    public static ProviderException failure(String providerId, IOException e) {
        if (e instanceof HttpTimeoutException) {
            return new ProviderException(Kind.TIMEOUT, 0, "The provider " + providerId + " did not answer in time", null);
        }
        return new ProviderException(Kind.UNREACHABLE, 0, "The provider " + providerId + " could not be reached or closed the connection", null);
    }

    /** Classifies a non-2xx answer; OpenAI, Anthropic and Gemini all put a readable text at {@code error.message}. */
    public ProviderException error(String providerId, int status, byte[] body, String retryAfter) {
        return error(providerId, status, body, retryAfter, List.of());
    }

    /** The same, with the upstream's message cleared of {@code secrets}: a provider may echo the key it was sent. */
    private ProviderException error(String providerId, int status, byte[] body, String retryAfter, List<String> secrets) {
        if (status == 401 || status == 403 || (status == 400 && refusedKey(body))) {
            return new ProviderException(Kind.CREDENTIAL_REFUSED, status,
                    "The provider " + providerId + " refused the credential (HTTP " + status + "). Check the API key configured for it.", null);
        }
        var detail = upstreamMessage(body);
        for (var secret : secrets) {
            detail = detail == null ? null : detail.replace(secret, "****");
        }
        var suffix = detail == null ? "" : ": " + detail;
        if (status == 429) {
            return new ProviderException(Kind.RATE_LIMITED, status, "The provider " + providerId + " is rate limiting requests" + suffix,
                    parseRetryAfter(retryAfter));
        }
        if (status >= 400 && status < 500) {
            return new ProviderException(Kind.INVALID_REQUEST, status, "The provider " + providerId + " rejected the request" + suffix, null);
        }
        return new ProviderException(Kind.UPSTREAM_ERROR, status, "The provider " + providerId + " failed (HTTP " + status + ")" + suffix, null);
    }

    /**
     * Gemini refuses a bad key with 400 INVALID_ARGUMENT and an {@code ErrorInfo} detail whose reason is
     * {@code API_KEY_INVALID} (google.rpc.Status); that is a refused credential, not a bad request.
     */
    private boolean refusedKey(byte[] body) {
        if (body == null || body.length == 0) {
            return false;
        }
        try {
            for (var detail : json.readTree(body).path("error").path("details")) {
                if ("API_KEY_INVALID".equals(detail.path("reason").asString(""))) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String upstreamMessage(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode root = json.readTree(body);
            var message = root.path("error").path("message");
            if (message.isString()) {
                return message.stringValue();
            }
            return root.path("message").isString() ? root.path("message").stringValue() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Long parseRetryAfter(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
