package dev.switchboard.metering.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.metering.UsageReports.Report;
import dev.switchboard.metering.UsageReports.Totals;

/**
 * A report as JSON and as CSV. Amounts are the exact decimal dollars of the integer nano-USD sums (plain numbers in
 * JSON, like my-usage; plain decimals in CSV), so no float ever rounds a cent. In CSV every row is a line, the header
 * first and the grand total last ({@code total} in the first column); a text cell that a spreadsheet would run as a
 * formula is prefixed with {@code '}.
 */
final class ReportViews {

    static final List<String> MEASURES = List.of("total_requests", "successful_requests", "total_input_tokens",
            "total_output_tokens", "total_cost_usd");

    private ReportViews() {
    }

    static Map<String, Object> totals(Totals t) {
        var out = new LinkedHashMap<String, Object>();
        out.put("total_requests", t.requests());
        out.put("successful_requests", t.successfulRequests());
        out.put("total_input_tokens", t.inputTokens());
        out.put("total_output_tokens", t.outputTokens());
        out.put("total_cost_usd", t.cost().toUsd());
        return out;
    }

    /** The JSON body: what was asked, one object per row (its key fields, then its sums), and the grand total. */
    static Map<String, Object> json(Report report, List<String> fields, Map<String, Object> head) {
        var body = new LinkedHashMap<>(head);
        body.put("from", report.range().firstDay().toString());
        body.put("to", report.range().lastDay().toString());
        var rows = new ArrayList<Map<String, Object>>();
        for (var row : report.rows()) {
            var out = new LinkedHashMap<String, Object>();
            for (var i = 0; i < fields.size(); i++) {
                out.put(fields.get(i), row.keys().get(i));
            }
            out.putAll(totals(row.totals()));
            rows.add(out);
        }
        body.put("rows", rows);
        body.put("total", totals(report.total()));
        return body;
    }

    static String csv(Report report, List<String> fields) {
        var out = new StringBuilder();
        line(out, concat(fields, MEASURES));
        for (var row : report.rows()) {
            var cells = new ArrayList<String>();
            row.keys().forEach(k -> cells.add(text(k)));
            measures(cells, row.totals());
            line(out, cells);
        }
        var total = new ArrayList<String>();
        total.add("total");
        for (var i = 1; i < fields.size(); i++) {
            total.add("");
        }
        measures(total, report.total());
        line(out, total);
        return out.toString();
    }

    private static void measures(List<String> cells, Totals t) {
        cells.add(Long.toString(t.requests()));
        cells.add(Long.toString(t.successfulRequests()));
        cells.add(Long.toString(t.inputTokens()));
        cells.add(Long.toString(t.outputTokens()));
        cells.add(t.cost().toUsd().toPlainString());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (var i = 0; i < cells.size(); i++) {
            out.append(i == 0 ? "" : ",").append(quoted(cells.get(i)));
        }
        out.append("\r\n");
    }

    private static String text(String value) {
        if (value == null) {
            return "";
        }
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    private static String quoted(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }
}
