package dev.switchboard.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health}: 200 {@code ok} while the database answers and nothing is {@link Degradation degraded}; 200
 * {@code degraded} (with the reasons) while requests are still served but the database is away or the usage log is
 * queueing in memory; the process is alive either way (liveness). Readiness, for load balancers, is
 * {@link ReadinessController /health/ready}.
 */
@RestController
class HealthController {

    private final DatabaseReadiness database;
    private final List<Degradation> degradations;

    HealthController(DatabaseReadiness database, List<Degradation> degradations) {
        this.database = database;
        this.degradations = degradations;
    }

    @GetMapping("/health")
    ResponseEntity<Map<String, Object>> health() {
        var database = this.database.check().up() ? "up" : "down";
        var reasons = degradations.stream().map(Degradation::degraded).flatMap(Optional::stream).toList();
        var body = new LinkedHashMap<String, Object>();
        body.put("status", database.equals("up") && reasons.isEmpty() ? "ok" : "degraded");
        body.put("database", database);
        if (!reasons.isEmpty()) {
            body.put("degraded", reasons);
        }
        return ResponseEntity.ok(body);
    }
}
