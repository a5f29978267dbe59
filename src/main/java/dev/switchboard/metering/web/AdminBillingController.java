package dev.switchboard.metering.web;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.switchboard.metering.GroupBy;
import dev.switchboard.metering.ReportRange;
import dev.switchboard.metering.ReportRange.BadReportParameter;
import dev.switchboard.metering.UsageReports;
import dev.switchboard.money.BillingCalendar;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/billing/*} (seeds 001, 002): everyone's usage grouped by user, model, provider, key (the credential
 * that paid), gateway key, API client, day or hour; and the costs per hour, day or month. Both come from the rollups, as
 * JSON or, with {@code Accept: text/csv}, as CSV. Ranges are billing days ({@code days}, or {@code from}/{@code to});
 * hourly ones at most {@value #MAX_HOURLY_DAYS} days. The admin role is enforced for all of /api/admin/**.
 */
@RestController
class AdminBillingController {

    static final int MAX_HOURLY_DAYS = 93;
    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final UsageReports reports;
    private final BillingCalendar calendar;

    AdminBillingController(UsageReports reports, BillingCalendar calendar) {
        this.reports = reports;
        this.calendar = calendar;
    }

    @GetMapping("/api/admin/billing/usage")
    ResponseEntity<?> usage(@RequestParam(required = false) Integer days, @RequestParam(required = false) String from,
                            @RequestParam(required = false) String to, @RequestParam(name = "group_by", defaultValue = "day") String groupBy,
                            @RequestHeader(name = "Accept", required = false) String accept) {
        var group = GroupBy.ofWire(groupBy).orElseThrow(() -> new BadReportParameter("group_by",
                "'group_by' must be one of user, model, provider, key, gateway_key, client, day, hour, month; not '" + groupBy + "'."));
        var range = ReportRange.resolve(calendar, days, from, to, 30);
        var report = reports.report(group, hourlyAtMost(group, range));
        return respond(report, group.fields(), Map.of("group_by", group.wire(), "time_zone", calendar.zone().getId()), accept);
    }

    @GetMapping("/api/admin/billing/costs")
    ResponseEntity<?> costs(@RequestParam(required = false) Integer days, @RequestParam(required = false) String from,
                            @RequestParam(required = false) String to, @RequestParam(defaultValue = "day") String granularity,
                            @RequestHeader(name = "Accept", required = false) String accept) {
        var group = switch (granularity) {
            case "hour" -> GroupBy.HOUR;
            case "day" -> GroupBy.DAY;
            case "month" -> GroupBy.MONTH;
            default -> throw new BadReportParameter("granularity", "'granularity' must be hour, day or month; not '" + granularity + "'.");
        };
        var range = ReportRange.resolve(calendar, days, from, to, switch (group) {
            case HOUR -> 1;
            case MONTH -> 365;
            default -> 30;
        });
        var report = reports.report(group, group == GroupBy.MONTH ? range.wholeMonths(calendar) : hourlyAtMost(group, range));
        return respond(report, List.of("period"), Map.of("granularity", granularity, "time_zone", calendar.zone().getId()), accept);
    }

    /** A 400 problem detail whose {@code detail} names the parameter (and, for tools, {@code parameter} too). */
    @ExceptionHandler(BadReportParameter.class)
    ResponseEntity<ProblemDetail> bad(BadReportParameter e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle(HttpStatus.BAD_REQUEST.getReasonPhrase());
        problem.setProperty("parameter", e.parameter());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ReportRange hourlyAtMost(GroupBy group, ReportRange range) {
        if (group == GroupBy.HOUR && range.days() > MAX_HOURLY_DAYS) {
            throw new BadReportParameter("days", "An hourly report covers at most " + MAX_HOURLY_DAYS + " days ('days', or 'from' to 'to').");
        }
        return range;
    }

    private static ResponseEntity<?> respond(UsageReports.Report report, List<String> fields, Map<String, Object> head, String accept) {
        if (wantsCsv(accept)) {
            return ResponseEntity.ok().contentType(CSV).body(ReportViews.csv(report, fields));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ReportViews.json(report, fields, head));
    }

    /** CSV when the caller's most preferred specific type is text/csv; JSON otherwise. */
    private static boolean wantsCsv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            var types = MediaType.parseMediaTypes(accept);
            return types.stream().sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed()).filter(t -> !t.isWildcardType() && t.getQualityValue() > 0).findFirst()
                    .map(t -> t.isCompatibleWith(CSV)).orElse(false);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
