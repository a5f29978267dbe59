package dev.switchboard.console;

import java.util.List;
import java.util.Set;

import dev.switchboard.access.Caller;
import dev.switchboard.metering.UsageReports;
import dev.switchboard.metering.UsageReports.Totals;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * My usage ({@link UsageReports#userUsage}, as {@code /api/billing/usage/my-usage}): tokens and cost by day and by model
 * over the last 7, 30 or 90 days. The table is the data: the chart is drawn from its rows by the page's script.
 */
@Controller
class UsagePage {

    private static final Set<Integer> PERIODS = Set.of(7, 30, 90);
    private final UsageReports reports;

    UsagePage(UsageReports reports) {
        this.reports = reports;
    }

    @GetMapping("/usage")
    String usage(Caller caller, @RequestParam(defaultValue = "30") int days, Model model) {
        ConsoleErrors.signedIn(model, caller);
        var period = PERIODS.contains(days) ? days : 30;
        var usage = reports.userUsage(caller.userId(), period);
        model.addAttribute("days", period);
        model.addAttribute("total", Line.of("Total", usage.total()));
        model.addAttribute("byDay", usage.byDay().stream().map(d -> Line.of(d.day().toString(), d.totals())).toList());
        model.addAttribute("byModel", usage.byModel().stream().map(m -> Line.of(m.model(), m.totals())).toList());
        model.addAttribute("periods", List.of(7, 30, 90));
        return "console/usage";
    }

    /** One row of a usage table; {@code costUsd} is the plain number the chart reads. */
    record Line(String label, long requests, long inputTokens, long outputTokens, String cost, String costUsd) {

        static Line of(String label, Totals totals) {
            return new Line(label, totals.requests(), totals.inputTokens(), totals.outputTokens(),
                    Prices.usd(totals.cost().nanoUsd()), totals.cost().toUsd().toPlainString());
        }
    }
}
