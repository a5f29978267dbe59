package dev.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import dev.switchboard.access.GatewayKeys;
import dev.switchboard.catalog.Catalog;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole application on a random port, on the embedded SQLite default in a fresh data directory, with mock
 * upstreams on 127.0.0.1. Subclasses share one application context (and database), so each test makes its own user
 * and key and asserts on its own data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayTestSupport {

    public static final OpenAiUpstream OPENAI = new OpenAiUpstream();
    public static final AnthropicUpstream ANTHROPIC = new AnthropicUpstream();
    public static final String OPENAI_KEY = "sk-test-openai-env-key-000111222333";
    public static final GeminiUpstream GOOGLE = new GeminiUpstream();
    public static final String GOOGLE_KEY = "test-google-env-key-000111222333";
    public static final OpenAiUpstream GROQ = new OpenAiUpstream("/openai/v1");
    public static final String GROQ_KEY = "gsk_test-groq-env-key-000111222333";
    public static final OpenAiUpstream OPENROUTER = new OpenAiUpstream("/api/v1");
    public static final String OPENROUTER_KEY = "sk-or-test-openrouter-env-key-000111";
    public static final String OPENROUTER_REFERER = "https://switchboard.example.test";
    public static final OpenAiUpstream GITHUB_MODELS = new OpenAiUpstream("/inference");
    public static final String GITHUB_TOKEN = "github_pat_test-env-token-000111222333";
    public static final OpenAiUpstream OLLAMA = new OpenAiUpstream("/v1");
    public static final OpenAiUpstream LMSTUDIO = new OpenAiUpstream("/v1");
    /** A provider and model that no test configures a key for: every real provider has one in this context. */
    public static final String UNKEYED_PROVIDER = "acme";
    public static final String UNKEYED_MODEL = "acme-chat";
    public static final String UNKEYED_KEY_ENV = "SWITCHBOARD_TEST_ACME_API_KEY";
    public static final String ADMIN_API_KEY = "sk-sb-test-admin-key-0123456789abcdef";
    public static final String ADMIN_EMAIL = "admin@example.test";
    public static final String ADMIN_PASSWORD = "correct-horse-battery-staple";
    /** A fixed master key (base64 of 32 bytes): the SQLite test database outlives a run, so its sealed rows must stay readable. */
    public static final String ENCRYPTION_KEY = "c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYiE=";
    private static final Path DATA_DIR = tempDir();

    protected final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    protected int port;

    /** The management port: {@code /actuator/prometheus}, the API docs. */
    @Value("${local.management.port}")
    protected int managementPort;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected GatewayKeys gatewayKeys;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("switchboard.data-dir", DATA_DIR::toString);
        // the management port (metrics, API docs) on a random port of its own, as the main port is
        registry.add("management.server.port", () -> "0");
        registry.add("OPENAI_BASE_URL", OPENAI::baseUrl);
        registry.add("OPENAI_API_KEY", () -> OPENAI_KEY);
        registry.add("ANTHROPIC_BASE_URL", ANTHROPIC::baseUrl);
        registry.add("ANTHROPIC_API_KEY", () -> AnthropicUpstream.KEY);
        registry.add("GOOGLE_BASE_URL", GOOGLE::baseUrl);
        registry.add("GOOGLE_API_KEY", () -> GOOGLE_KEY);
        registry.add("GROQ_BASE_URL", GROQ::baseUrl);
        registry.add("GROQ_API_KEY", () -> GROQ_KEY);
        registry.add("OPENROUTER_BASE_URL", OPENROUTER::baseUrl);
        registry.add("OPENROUTER_API_KEY", () -> OPENROUTER_KEY);
        registry.add("switchboard.upstream.openrouter.http-referer", () -> OPENROUTER_REFERER);
        registry.add("GITHUB_MODELS_BASE_URL", GITHUB_MODELS::baseUrl);
        registry.add("GITHUB_TOKEN", () -> GITHUB_TOKEN);
        registry.add("OLLAMA_BASE_URL", OLLAMA::baseUrl);
        registry.add("LMSTUDIO_BASE_URL", LMSTUDIO::baseUrl);
        registry.add("switchboard.admin.api-key", () -> ADMIN_API_KEY);
        registry.add("switchboard.admin.email", () -> ADMIN_EMAIL);
        registry.add("switchboard.admin.password", () -> ADMIN_PASSWORD);
        registry.add("SWITCHBOARD_ENCRYPTION_KEY", () -> ENCRYPTION_KEY);
        registry.add("switchboard.upstream.request-timeout", () -> "3s");
        // one attempt per model unless a test's model asks for retries: the tests of a single failure stay about one
        registry.add("switchboard.routing.max-retries", () -> "0");
        // the users these tests make have no credits; the budget tests turn credits on at run time
        registry.add("switchboard.budget.require-credits", () -> "false");
    }

    @Autowired
    protected Catalog catalog;

    @BeforeEach
    void ensureUnkeyedProvider() {
        var inserted = jdbc.sql("""
                INSERT INTO providers (id, display_name, wire_format, base_url, base_url_env, key_env, requires_key, enabled, credit_multiplier_milli)
                SELECT ?, 'Acme (test)', 'openai', 'http://127.0.0.1:9/v1', NULL, ?, TRUE, TRUE, 1000
                WHERE NOT EXISTS (SELECT 1 FROM providers WHERE id = ?)""")
                .params(UNKEYED_PROVIDER, UNKEYED_KEY_ENV, UNKEYED_PROVIDER).update();
        if (inserted > 0) {
            jdbc.sql("""
                    INSERT INTO models (id, name, provider_id, upstream_model, display_name, kind, input_price, output_price, active, created_at)
                    VALUES ('m-acme-chat', ?, ?, 'acme-chat-1', 'Acme Chat (test)', 'chat', 1000000000, 2000000000, TRUE, 0)""")
                    .params(UNKEYED_MODEL, UNKEYED_PROVIDER).update();
            catalog.reload();
        }
    }

    @BeforeEach
    void resetUpstreams() {
        OPENAI.reset();
        ANTHROPIC.reset();
        GOOGLE.reset();
        GROQ.reset();
        OPENROUTER.reset();
        GITHUB_MODELS.reset();
        OLLAMA.reset();
        LMSTUDIO.reset();
    }

    /** A new active user with the USER role and a gateway key for it. */
    protected TestUser newUser() {
        var id = UUID.randomUUID().toString();
        var email = "user-" + id.substring(0, 8) + "@example.test";
        jdbc.sql("INSERT INTO users (id, email, password_hash, full_name, role, active, created_at) VALUES (?, ?, ?, ?, 'USER', TRUE, ?)")
                .params(id, email, "{noop}unused", "Test User", System.currentTimeMillis())
                .update();
        var key = gatewayKeys.create(id, "test key", false);
        return new TestUser(id, email, key.id(), key.secret());
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    protected HttpResponse<String> get(String path, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    /** A GET on the management port. */
    protected HttpResponse<String> management(String path, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    /** The Prometheus scrape, from the management port. */
    protected String metrics() {
        return management("/actuator/prometheus").body();
    }

    protected HttpResponse<String> postJson(String path, String json, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    protected HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return MockUpstream.JSON.readTree(response.body());
    }

    protected static String bearer(TestUser user) {
        return "Bearer " + user.secret();
    }

    private static Path tempDir() {
        try {
            var dir = Files.createTempDirectory("switchboard-test-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    public record TestUser(String id, String email, String keyId, String secret) {
    }
}
