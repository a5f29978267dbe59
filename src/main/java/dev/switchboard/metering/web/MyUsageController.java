package dev.switchboard.metering.web;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.access.Caller;
import dev.switchboard.metering.UsageReports;
import dev.switchboard.metering.UsageReports.Totals;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
class MyUsageController {

    private final UsageReports reports;

    MyUsageController(UsageReports reports) {
        this.reports = reports;
    }

    @GetMapping("/api/billing/usage/my-usage")
    MyUsage myUsage(Caller caller, @RequestParam(defaultValue = "30") int days) {
        if (days < 1 || days > 3660) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "days must be between 1 and 3660");
        }
        var usage = reports.userUsage(caller.userId(), days);
        return new MyUsage(days, usage.since().toString(), usage.total().requests(), usage.total().inputTokens(),
                usage.total().outputTokens(), usage.total().cost().toUsd(),
                usage.byModel().stream().map(m -> new ModelRow(m.model(), m.totals())).toList(),
                usage.byDay().stream().map(d -> new DayRow(d.day().toString(), d.totals())).toList());
    }

    record MyUsage(int days, String since,
                   @JsonProperty("total_requests") long totalRequests,
                   @JsonProperty("total_input_tokens") long totalInputTokens,
                   @JsonProperty("total_output_tokens") long totalOutputTokens,
                   @JsonProperty("total_cost_usd") BigDecimal totalCostUsd,
                   @JsonProperty("by_model") List<ModelRow> byModel,
                   @JsonProperty("by_day") List<DayRow> byDay) {
    }

    record ModelRow(String model, long requests, @JsonProperty("input_tokens") long inputTokens,
                    @JsonProperty("output_tokens") long outputTokens, @JsonProperty("cost_usd") BigDecimal costUsd) {
        ModelRow(String model, Totals t) {
            this(model, t.requests(), t.inputTokens(), t.outputTokens(), t.cost().toUsd());
        }
    }

    record DayRow(String date, long requests, @JsonProperty("input_tokens") long inputTokens,
                  @JsonProperty("output_tokens") long outputTokens, @JsonProperty("cost_usd") BigDecimal costUsd) {
        DayRow(String date, Totals t) {
            this(date, t.requests(), t.inputTokens(), t.outputTokens(), t.cost().toUsd());
        }
    }
}
