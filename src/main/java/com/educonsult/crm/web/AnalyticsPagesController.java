package com.educonsult.crm.web;

import com.educonsult.crm.analytics.StageInsights;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's Analytics area: the SLA page (breaches standing now, compliance over the range) and the stage
 * transition matrix as a heat map, within the caller's scope.
 */
@Controller
class AnalyticsPagesController {

    /** How many breaches the SLA page lists; the count above the list covers all. */
    static final int BREACHES_LISTED = 50;

    /** A heat map cell: the count and its shade (0 to 1 of the largest count). */
    record Cell(long count, String style, boolean dark) {
    }

    /** A row of the heat map: the status left, the leads that started in it, and a cell per status entered. */
    record Row(StageInsights.Status from, long firstEntries, long total, List<Cell> cells) {
    }

    private final StageInsights insights;
    private final Tenancy tenancy;

    AnalyticsPagesController(StageInsights insights, Tenancy tenancy) {
        this.insights = insights;
        this.tenancy = tenancy;
    }

    @GetMapping("/analytics/sla")
    @RequiresPermission("analytics:read")
    String sla(@RequestParam(name = "date_from", required = false) String dateFrom,
            @RequestParam(name = "date_to", required = false) String dateTo, Model model) {
        StageInsights.Sla sla = read(model, dateFrom, dateTo, (user, dates) ->
                insights.sla(user, dates[0], dates[1], BREACHES_LISTED));
        model.addAttribute("sla", sla);
        model.addAttribute("listed", BREACHES_LISTED);
        return "analytics/sla";
    }

    @GetMapping("/analytics/transitions")
    @RequiresPermission("analytics:read")
    String transitions(@RequestParam(name = "date_from", required = false) String dateFrom,
            @RequestParam(name = "date_to", required = false) String dateTo, Model model) {
        StageInsights.Matrix matrix = read(model, dateFrom, dateTo, (user, dates) ->
                insights.transitions(user, dates[0], dates[1]));
        model.addAttribute("matrix", matrix);
        model.addAttribute("rows", rows(matrix));
        return "analytics/transitions";
    }

    /** The figures of the dates asked for; when they are not a valid range, those of the default range and why. */
    private <T> T read(Model model, String dateFrom, String dateTo, BiFunction<CurrentUser, String[], T> figures) {
        CurrentUser user = Authenticated.user();
        return tenancy.callAs(user.organizationId(), () -> {
            try {
                return figures.apply(user, new String[] {blankToNull(dateFrom), blankToNull(dateTo)});
            } catch (ApiException e) {
                model.addAttribute("rangeError", e.getMessage());
                return figures.apply(user, new String[] {null, null});
            }
        });
    }

    private static List<Row> rows(StageInsights.Matrix matrix) {
        List<Row> rows = new ArrayList<>();
        for (StageInsights.Status from : matrix.statuses()) {
            Map<java.util.UUID, Long> out = matrix.counts().getOrDefault(from.id(), Map.of());
            List<Cell> cells = new ArrayList<>();
            for (StageInsights.Status to : matrix.statuses()) {
                long count = out.getOrDefault(to.id(), 0L);
                double shade = matrix.maxCount() == 0 ? 0 : (double) count / matrix.maxCount();
                cells.add(new Cell(count, count == 0 ? null
                        : String.format(java.util.Locale.ROOT, "background-color: rgba(79, 70, 229, %.2f)",
                                0.12 + 0.88 * shade), shade > 0.5));
            }
            rows.add(new Row(from, matrix.firstEntries().getOrDefault(from.id(), 0L),
                    out.values().stream().mapToLong(Long::longValue).sum(), cells));
        }
        return rows;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
