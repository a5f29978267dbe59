package dev.switchboard.ops;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health/ready}, for load balancers: 200 while every {@link ReadinessCheck} that applies is up (the
 * database, Redis when configured, the usage queue not backed up), 503 naming each failing one in {@code failing}; each
 * check's status and detail in {@code checks} either way. The checks run side by side, each given up on after
 * {@code SWITCHBOARD_READINESS_TIMEOUT} (2s): a database that hangs (a pool waiting 30 seconds for a connection) makes
 * the answer a prompt 503, not a probe that times out. {@code GET /health} is liveness: 200 whenever the process answers.
 */
@RestController
class ReadinessController {

    private final List<ReadinessCheck> checks;
    private final Duration timeout;
    private final Executor executor = task -> Thread.ofVirtual().name("readiness-check").start(task);

    ReadinessController(List<ReadinessCheck> checks, @Value("${switchboard.readiness.timeout:2s}") Duration timeout) {
        this.checks = checks.stream().filter(ReadinessCheck::applies).toList();
        this.timeout = timeout;
    }

    @GetMapping("/health/ready")
    ResponseEntity<Map<String, Object>> ready() {
        var running = new LinkedHashMap<String, CompletableFuture<ReadinessCheck.Result>>();
        checks.forEach(check -> running.put(check.name(), CompletableFuture.supplyAsync(check::check, executor)
                .completeOnTimeout(ReadinessCheck.Result.down("no answer within " + timeout.toMillis() + " ms"), timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> ReadinessCheck.Result.down("failed: " + e.getClass().getSimpleName()))));
        var results = new LinkedHashMap<String, Object>();
        var failing = new java.util.ArrayList<String>();
        running.forEach((name, result) -> {
            var r = result.join();
            var check = new LinkedHashMap<String, Object>();
            check.put("status", r.up() ? "up" : "down");
            check.put("detail", r.detail());
            results.put(name, check);
            if (!r.up()) {
                failing.add(name);
            }
        });
        var body = new LinkedHashMap<String, Object>();
        body.put("status", failing.isEmpty() ? "ready" : "not_ready");
        body.put("checks", results);
        if (!failing.isEmpty()) {
            body.put("failing", failing);
        }
        return ResponseEntity.status(failing.isEmpty() ? 200 : 503).body(body);
    }
}
