package dev.switchboard.console;

import java.io.IOException;
import java.util.List;

import dev.switchboard.access.Caller;
import dev.switchboard.metering.GroupBy;
import dev.switchboard.metering.ReportRange;
import dev.switchboard.metering.UsageReports;
import dev.switchboard.money.BillingCalendar;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Admin: billing ({@link UsageReports#report}, as {@code /api/admin/billing/usage}): cost and tokens over the last 7,
 * 30 or 90 days grouped by hour, day, month, user, model, provider, key or client, as a chart (of every row) and a table
 * (25 rows to a page); the CSV is
 * the API's own, forwarded in-process.
 */
@Controller
class BillingPage {

    private static final List<String> GROUPS = List.of("day", "hour", "month", "model", "provider", "user", "key", "client");
    static final int PAGE_SIZE = 25;
    private static final List<Integer> PERIODS = List.of(7, 30, 90);
    private final UsageReports reports;
    private final BillingCalendar calendar;

    BillingPage(UsageReports reports, BillingCalendar calendar) {
        this.reports = reports;
        this.calendar = calendar;
    }

    @GetMapping("/admin/billing")
    String billing(Caller caller, @RequestParam(defaultValue = "30") int days, @RequestParam(name = "group_by", defaultValue = "day") String groupBy,
                   @RequestParam(defaultValue = "1") int page, Model model) {
        ConsoleErrors.signedIn(model, caller);
        var group = GROUPS.contains(groupBy) ? groupBy : "day";
        var period = "hour".equals(group) ? 7 : PERIODS.contains(days) ? days : 30;
        var report = reports.report(GroupBy.ofWire(group).orElseThrow(), ReportRange.lastDays(calendar, period));
        var rows = report.rows().stream().map(r -> UsagePage.Line.of(String.join(" · ", r.keys()), r.totals())).toList();
        model.addAttribute("series", rows);
        model.addAttribute("rows", Paged.of(rows, page, PAGE_SIZE, "/admin/billing", "page"));
        model.addAttribute("total", UsagePage.Line.of("Total", report.total()));
        model.addAttribute("groups", GROUPS);
        model.addAttribute("groupBy", group);
        model.addAttribute("periods", PERIODS);
        model.addAttribute("days", period);
        return "console/admin-billing";
    }

    @GetMapping("/admin/billing/export.csv")
    void csv(Caller caller, HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        // a forward keeps the request's parameters (days, from, to, group_by)
        request.getRequestDispatcher("/api/admin/billing/usage").forward(new Csv(request), response);
    }

    /** The same request asking for the report's CSV. */
    private static final class Csv extends HttpServletRequestWrapper {
        Csv(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return "Accept".equalsIgnoreCase(name) ? "text/csv" : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return "Accept".equalsIgnoreCase(name) ? java.util.Collections.enumeration(List.of("text/csv")) : super.getHeaders(name);
        }
    }
}
