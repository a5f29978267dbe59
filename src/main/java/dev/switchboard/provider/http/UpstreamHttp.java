package dev.switchboard.provider.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.provider.ProviderException;
import dev.switchboard.provider.ProviderException.Kind;
import dev.switchboard.provider.UpstreamTimeouts;
import dev.switchboard.provider.UpstreamWait;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one HTTP client for every provider (Apache HttpClient 5, blocking on virtual threads: measured faster than the
 * JDK client, see bench/RESULTS.md; pooled keep-alive connections, no redirects, retries or cookies), and the one place where
 * an upstream's HTTP failure becomes a {@link ProviderException}; and so the one place that knows how long a request
 * waited on upstreams ({@link UpstreamWait}).
 */
@Component
public class UpstreamHttp implements DisposableBean {

    private static final ContentType JSON = ContentType.create("application/json");

    /** Where the providers' adapters put a credential: OpenAI family, Anthropic, Gemini. */
    private static final List<String> SECRET_HEADERS = List.of("Authorization", "x-api-key", "x-goog-api-key");

    /** The most of an error answer that is read: enough for any provider's error JSON. */
    static final int MAX_ERROR_BYTES = 64 * 1024;

    private final CloseableHttpClient client;
    private final JsonMapper json;
    private final long maxResponseBytes;
    private final RequestConfig defaults;
    private final Duration firstByteDefault;
    private final Duration streamIdleDefault;
    /** Each upstream URL parsed once: the providers' endpoints are a handful of strings, asked for on every call. */
    private final Cache<String, URI> uris = Caffeine.newBuilder().maximumSize(10_000).build();

    UpstreamHttp(UpstreamProperties properties, JsonMapper json) {
        this.json = json;
        this.maxResponseBytes = properties.maxResponseBytes().toBytes();
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(4096)
                .setMaxConnPerRoute(2048)
                .setTlsSocketStrategy(new BackgroundTls())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        .setSocketTimeout(Timeout.of(properties.requestTimeout()))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        this.defaults = RequestConfig.custom()
                .setResponseTimeout(Timeout.of(properties.requestTimeout()))
                .setConnectionRequestTimeout(Timeout.of(properties.connectTimeout()))
                .setRedirectsEnabled(false)
                .build();
        this.firstByteDefault = properties.firstByteTimeout();
        this.streamIdleDefault = properties.streamIdleTimeout();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(defaults)
                .setUserAgent("Switchboard")
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
    }

    /** A POST of a JSON body; add the provider's headers, then {@code build()}. */
    public UpstreamRequest.Builder postJson(String url, byte[] body) {
        return new UpstreamRequest.Builder(url, body);
    }

    /** Sends and reads the whole answer; a non-2xx answer becomes a {@link ProviderException}. */
    public byte[] send(String providerId, UpstreamRequest request) {
        var timeouts = UpstreamTimeouts.current();
        var post = post(request, timeouts);
        var watchdog = new Watchdog(post);
        watchdog.arm(or(timeouts.firstByte(), firstByteDefault));
        var started = System.nanoTime();
        try {
            return client.execute(post, response -> {
                watchdog.disarm();
                var ok = response.getCode() / 100 == 2;
                var content = response.getEntity() == null ? InputStream.nullInputStream() : response.getEntity().getContent();
                var body = ok ? bounded(providerId, content, maxResponseBytes, post) : content.readNBytes(MAX_ERROR_BYTES);
                if (!ok) {
                    if (body.length == MAX_ERROR_BYTES) {
                        post.cancel(); // an error body longer than any real one: drop the connection rather than drain it
                    }
                    throw error(providerId, response, body, request);
                }
                return body;
            });
        } catch (IOException e) {
            throw watchdog.fired() ? firstByteTimeout(providerId) : failure(providerId, e);
        } finally {
            watchdog.disarm();
            UpstreamWait.since(started);
        }
    }

    /**
     * Sends and returns the open body of a 2xx answer, for streaming. Closing it before the end (the client left)
     * cancels the exchange and drops the connection instead of reading the rest of the stream, unless the reader
     * said that the answer is complete ({@link UpstreamBody#answerComplete()}).
     */
    public UpstreamBody open(String providerId, UpstreamRequest request) {
        var timeouts = UpstreamTimeouts.current();
        var post = post(request, timeouts);
        var watchdog = new Watchdog(post);
        watchdog.arm(or(timeouts.firstByte(), firstByteDefault));
        ClassicHttpResponse response;
        var started = System.nanoTime();
        try {
            response = client.executeOpen(null, post, null);
        } catch (IOException e) {
            throw watchdog.fired() ? firstByteTimeout(providerId) : failure(providerId, e);
        } finally {
            watchdog.disarm();
            UpstreamWait.since(started);
        }
        try {
            var entity = response.getEntity();
            var content = entity == null ? InputStream.nullInputStream() : entity.getContent();
            if (response.getCode() / 100 != 2) {
                var reading = System.nanoTime();
                var body = content.readNBytes(MAX_ERROR_BYTES);
                UpstreamWait.since(reading);
                post.cancel();
                response.close();
                throw error(providerId, response, body, request);
            }
            return new UpstreamBody(content, post, response, watchdog, or(timeouts.streamIdle(), streamIdleDefault));
        } catch (IOException e) {
            post.cancel();
            closeQuietly(response);
            throw failure(providerId, e);
        }
    }

    /**
     * A whole answer of at most {@code max} bytes; a longer one is the provider's failure, read no further (the
     * connection is then closed rather than drained).
     */
    private static byte[] bounded(String providerId, InputStream content, long max, HttpPost post) throws IOException {
        var body = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (body.length > max) {
            post.cancel();
            throw new ProviderException(Kind.UPSTREAM_ERROR, 200, "The provider " + providerId + "'s answer exceeded " + max
                    + " bytes (SWITCHBOARD_UPSTREAM_MAX_RESPONSE_BYTES)", null);
        }
        return body;
    }

    /** The upstream's JSON answer; one that is not JSON is the upstream's failure. */
    public JsonNode readJson(String providerId, byte[] body) {
        try {
            return json.readTree(body);
        } catch (RuntimeException e) {
            throw new ProviderException(Kind.UPSTREAM_ERROR, 200, "The provider " + providerId + " answered with invalid JSON", null);
        }
    }

    private HttpPost post(UpstreamRequest request, UpstreamTimeouts timeouts) {
        var post = new HttpPost(uris.get(request.url(), URI::create));
        if (timeouts.connect() != null) {
            post.setConfig(RequestConfig.copy(defaults).setConnectTimeout(Timeout.of(timeouts.connect())).build());
        }
        request.headers().forEach(h -> post.addHeader(h.name(), h.value()));
        post.setEntity(new ByteArrayEntity(request.body(), JSON));
        return post;
    }

    private ProviderException error(String providerId, ClassicHttpResponse response, byte[] body, UpstreamRequest request) {
        var retryAfter = response.getFirstHeader("retry-after");
        return error(providerId, response.getCode(), body, retryAfter == null ? null : retryAfter.getValue(), secretsOf(request));
    }

    /** The secrets a request presented (its auth headers), which an upstream's error message must never carry back. */
    private static List<String> secretsOf(UpstreamRequest request) {
        var secrets = new ArrayList<String>();
        for (var name : SECRET_HEADERS) {
            request.values(name).forEach(value -> {
                var secret = value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : value.trim();
                if (secret.length() >= 8) {
                    secrets.add(secret);
                }
            });
        }
        return secrets;
    }

    static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException ignored) {
            // the connection is being dropped anyway
        }
    }

    private static ProviderException firstByteTimeout(String providerId) {
        return new ProviderException(Kind.TIMEOUT, 0, "The provider " + providerId
                + " did not begin its answer in time (SWITCHBOARD_UPSTREAM_FIRST_BYTE_TIMEOUT)", null);
    }

    private static Duration or(Duration given, Duration fallback) {
        return given != null ? given : fallback;
    }

    /** A failure to talk to the upstream at all, or a connection that broke mid-way. */
    public static ProviderException failure(String providerId, IOException e) {
        if (e instanceof SocketTimeoutException || e instanceof ConnectTimeoutException) {
            return new ProviderException(Kind.TIMEOUT, 0, "The provider " + providerId + " did not answer in time", null);
        }
        return new ProviderException(Kind.UNREACHABLE, 0, "The provider " + providerId + " could not be reached or closed the connection", null);
    }

    /**
     * Classifies a non-2xx answer (or an error event in a stream); OpenAI, Anthropic and Gemini all put a readable text at
     * {@code error.message}, cleared here of the credential the call presented.
     */
    public ProviderException error(String providerId, int status, byte[] body, String retryAfter, String credential) {
        return error(providerId, status, body, retryAfter, credential == null ? List.of() : List.of(credential));
    }

    /** The same, with the upstream's message cleared of {@code secrets}: a provider may echo the key it was sent. */
    private ProviderException error(String providerId, int status, byte[] body, String retryAfter, List<String> secrets) {
        if (status == 401 || status == 403 || (status == 400 && refusedKey(body))) {
            return new ProviderException(Kind.CREDENTIAL_REFUSED, status,
                    "The provider " + providerId + " refused the credential (HTTP " + status + "). Check the API key configured for it.", null);
        }
        var detail = SecretMask.clean(upstreamMessage(body), secrets);
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

    @Override
    public void destroy() throws IOException {
        client.close();
    }
}
