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
 * over the last 7, 30 or 90 days. Each table is paged on its own ({@code day_page}, {@code model_page}); the chart is drawn
 * by the page's script from the whole period's series, which the page carries hidden.
 */
@Controller
class UsagePage {

    static final int PAGE_SIZE = 15;
    private static final Set<Integer> PERIODS = Set.of(7, 30, 90);
    private final UsageReports reports;

    UsagePage(UsageReports reports) {
        this.reports = reports;
    }

    @GetMapping("/usage")
    String usage(Caller caller, @RequestParam(defaultValue = "30") int days, @RequestParam(name = "day_page", defaultValue = "1") int dayPage,
                 @RequestParam(name = "model_page", defaultValue = "1") int modelPage, Model model) {
        ConsoleErrors.signedIn(model, caller);
        var period = PERIODS.contains(days) ? days : 30;
        var usage = reports.userUsage(caller.userId(), period);
        model.addAttribute("days", period);
        model.addAttribute("total", Line.of("Total", usage.total()));
        var byDay = usage.byDay().stream().map(d -> Line.of(d.day().toString(), d.totals())).toList();
        model.addAttribute("series", byDay);
        model.addAttribute("byDay", Paged.of(byDay, dayPage, PAGE_SIZE, "/usage", "day_page"));
        model.addAttribute("byModel", Paged.of(usage.byModel().stream().map(m -> Line.of(m.model(), m.totals())).toList(), modelPage,
                PAGE_SIZE, "/usage", "model_page"));
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
