package dev.switchboard.console;

import java.io.IOException;
import java.util.List;

import dev.switchboard.access.Caller;
import dev.switchboard.budget.Organisation;
import dev.switchboard.budget.Spending;
import dev.switchboard.metering.GroupBy;
import dev.switchboard.metering.ReportRange;
import dev.switchboard.metering.UsageReports;
import dev.switchboard.money.BillingCalendar;
import dev.switchboard.money.Money;
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
 * 30 or 90 days grouped by hour, day, month, user, model, provider, key or client, as a chart and a table; the CSV is
 * the API's own, forwarded in-process. Above them, the organisation's daily and monthly limits as bars.
 */
@Controller
class BillingPage {

    private static final List<String> GROUPS = List.of("day", "hour", "month", "model", "provider", "user", "key", "client");
    private static final List<Integer> PERIODS = List.of(7, 30, 90);
    private final UsageReports reports;
    private final BillingCalendar calendar;
    private final Organisation organisation;
    private final Spending spending;

    BillingPage(UsageReports reports, BillingCalendar calendar, Organisation organisation, Spending spending) {
        this.reports = reports;
        this.calendar = calendar;
        this.organisation = organisation;
        this.spending = spending;
    }

    @GetMapping("/admin/billing")
    String billing(Caller caller, @RequestParam(defaultValue = "30") int days, @RequestParam(name = "group_by", defaultValue = "day") String groupBy,
                   Model model) {
        ConsoleErrors.signedIn(model, caller);
        var group = GROUPS.contains(groupBy) ? groupBy : "day";
        var period = "hour".equals(group) ? 7 : PERIODS.contains(days) ? days : 30;
        var report = reports.report(GroupBy.ofWire(group).orElseThrow(), ReportRange.lastDays(calendar, period));
        model.addAttribute("rows", report.rows().stream().map(r -> UsagePage.Line.of(String.join(" · ", r.keys()), r.totals())).toList());
        model.addAttribute("total", UsagePage.Line.of("Total", report.total()));
        model.addAttribute("groups", GROUPS);
        model.addAttribute("groupBy", group);
        model.addAttribute("periods", PERIODS);
        model.addAttribute("days", period);
        var terms = organisation.terms();
        model.addAttribute("orgToday", orgBar(true, terms.dailyLimitNanos()));
        model.addAttribute("orgMonth", orgBar(false, terms.monthlyLimitNanos()));
        return "console/admin-billing";
    }

    @GetMapping("/admin/billing/export.csv")
    void csv(Caller caller, HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        // a forward keeps the request's parameters (days, from, to, group_by)
        request.getRequestDispatcher("/api/admin/billing/usage").forward(new Csv(request), response);
    }

    /**
     * The organisation's spending (managed keys) today or this month against its limit, as {@code /api/admin/organisation}
     * shows it: settled calls, with what calls in flight hold reserved beside it. The counters keep counting only while a
     * limit is set (they start from the usage log), so without one the page says "No limit" instead of a stale sum.
     */
    private OrgBar orgBar(boolean daily, Long limitNanos) {
        var used = spending.organisationUsed(daily);
        return new OrgBar(KeyPoolPage.Bar.of(used.spent(), limitNanos == null ? null : Money.ofNanos(limitNanos)),
                Prices.usd(used.reserved().nanoUsd()), spending.resetsAt(daily).toString());
    }

    /** One organisation limit's bar, what is reserved now, and when the period ends. */
    record OrgBar(KeyPoolPage.Bar bar, String reserved, String resetsAt) {
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
