package dev.switchboard.console;

import java.io.IOException;
import java.math.BigDecimal;
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
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin: billing ({@link UsageReports#report}, as {@code /api/admin/billing/usage}): cost and tokens over the last 7,
 * 30 or 90 days grouped by hour, day, month, user, model, provider, key or client, as a chart (of every row) and a table
 * (25 rows to a page); the CSV is
 * the API's own, forwarded in-process. Above them, the organisation's daily and monthly limits as bars, and a form
 * that sets them ({@link Organisation#limitOf} checks each, as for {@code /api/admin/organisation}).
 */
@Controller
class BillingPage {

    private static final List<String> GROUPS = List.of("day", "hour", "month", "model", "provider", "user", "key", "client");
    static final int PAGE_SIZE = 25;
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
        var terms = organisation.terms();
        model.addAttribute("orgToday", orgBar(true, terms.dailyLimitNanos()));
        model.addAttribute("orgMonth", orgBar(false, terms.monthlyLimitNanos()));
        model.addAttribute("dailyLimit", typed(terms.dailyLimitNanos()));
        model.addAttribute("monthlyLimit", typed(terms.monthlyLimitNanos()));
        return "console/admin-billing";
    }

    /** The organisation's limits, as {@code PUT /api/admin/organisation} sets them: an empty field or 0 removes one. */
    @PostMapping("/admin/billing/limits")
    String limits(Caller caller, @RequestParam(defaultValue = "") String dailyLimit, @RequestParam(defaultValue = "") String monthlyLimit,
                  Model model, RedirectAttributes redirect) {
        var terms = organisation.terms();
        try {
            organisation.change(new Organisation.Terms(limit("daily_limit_usd", dailyLimit), limit("monthly_limit_usd", monthlyLimit),
                    terms.requireSubscription(), terms.requireCredits(), terms.newUserTrialDays()));
        } catch (ResponseStatusException e) {
            model.addAttribute("errors", FieldError.of(e, "daily_limit_usd").asMap());
            return billing(caller, 30, "day", 1, model);
        }
        redirect.addFlashAttribute("saved", "Organisation limits saved.");
        return "redirect:/admin/billing";
    }

    private static Long limit(String field, String typed) {
        try {
            return typed.isBlank() ? null : Organisation.limitOf(field, new BigDecimal(typed.strip()));
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'" + field + "' must be an amount in dollars, such as 250 (empty: no limit).");
        }
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

    private static String typed(Long nanos) {
        return nanos == null ? "" : Money.ofNanos(nanos).toUsd().stripTrailingZeros().toPlainString();
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
