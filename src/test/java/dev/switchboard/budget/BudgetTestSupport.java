package dev.switchboard.budget;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import dev.switchboard.testing.GatewayTestSupport;
import dev.switchboard.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/**
 * What the budget tests share: a clock they move, a chat model priced on output only ({@link #MODEL}, alias
 * {@link #ALIAS}: with {@code max_tokens} 10 and the mock's 10 completion tokens a call costs exactly its worst case,
 * {@link #CALL}), admin calls, and many calls at once.
 */
@Import(BudgetTestSupport.Clocked.class)
abstract class BudgetTestSupport extends GatewayTestSupport {

    static final Instant START = ZonedDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC).toInstant();
    static final MutableClock CLOCK = new MutableClock(START);
    static final String MODEL = "budget-chat";
    static final String ALIAS = "budget-alias";
    /** 10 output tokens at $1 per 1M tokens: $0.00001, exactly a call's worst case. */
    static final long CALL = 10_000;

    @TestConfiguration
    static class Clocked {
        @Bean
        @Primary
        MutableClock testClock() {
            return CLOCK;
        }
    }

    @Autowired
    Spending spending;
    @Autowired
    Organisation organisation;

    private Organisation.Terms before;

    @BeforeEach
    void outputPricedModel() {
        CLOCK.set(START);
        before = organisation.terms();
        addOutputPricedModel(jdbc, catalog);
    }

    /** Adds {@link #MODEL} (alias {@link #ALIAS}) on the OpenAI mock, priced $1 per 1M output tokens and nothing for input. */
    static void addOutputPricedModel(org.springframework.jdbc.core.simple.JdbcClient jdbc, dev.switchboard.catalog.Catalog catalog) {
        var inserted = jdbc.sql("""
                INSERT INTO models (id, name, provider_id, upstream_model, display_name, kind, input_price, output_price, active, created_at)
                SELECT 'm-budget-chat', ?, 'openai', 'gpt-budget', 'Budget (test)', 'chat', 0, 1000000000, TRUE, 0
                WHERE NOT EXISTS (SELECT 1 FROM models WHERE id = 'm-budget-chat')""").param(MODEL).update();
        if (inserted > 0) {
            jdbc.sql("INSERT INTO model_aliases (alias, model_id) VALUES (?, 'm-budget-chat')").param(ALIAS).update();
            catalog.reload();
        }
    }

    @AfterEach
    void restoreTerms() {
        organisation.change(before);
        CLOCK.set(START);
    }

    HttpResponse<String> admin(String method, String path, String json) {
        var builder = HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + ADMIN_API_KEY)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return send(builder.build());
    }

    /** A new API client; answers its id and key. */
    String[] newClient(String settings) {
        var created = admin("POST", "/api/admin/api-clients", "{\"name\":\"client-" + java.util.UUID.randomUUID() + "\"" + settings + "}");
        if (created.statusCode() != 201) {
            throw new IllegalStateException(created.body());
        }
        return new String[]{json(created).path("id").asString(), json(created).path("api_key").asString()};
    }

    HttpResponse<String> chat(String model, String... headers) {
        return postJson("/v1/chat/completions", "{\"model\":\"" + model + "\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                headers);
    }

    static List<HttpResponse<String>> atOnce(int n, Supplier<HttpResponse<String>> call) {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<CompletableFuture<HttpResponse<String>>>();
            for (var i = 0; i < n; i++) {
                futures.add(CompletableFuture.supplyAsync(call, threads));
            }
            return futures.stream().map(CompletableFuture::join).toList();
        }
    }

    static long count(List<HttpResponse<String>> responses, int status) {
        return responses.stream().filter(r -> r.statusCode() == status).count();
    }

    static JsonNode error(HttpResponse<String> response) {
        return json(response).path("error");
    }

    long records(String column, String id) {
        return jdbc.sql("SELECT COUNT(*) FROM usage_records WHERE " + column + " = ?").param(id).query(Long.class).single();
    }
}
