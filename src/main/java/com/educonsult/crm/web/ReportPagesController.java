package com.educonsult.crm.web;

import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.reports.ReportDefinition;
import com.educonsult.crm.reports.ReportSchedules;
import com.educonsult.crm.reports.ReportViews;
import com.educonsult.crm.reports.Reports;
import com.educonsult.crm.web.support.Forms;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The report builder: pick a template or an entity, its columns or a grouping with an aggregation and a date range;
 * the preview follows every change. Exports download the report as it stands; schedules mail it; the history lists
 * the runs. Everything goes through the reports module, with the signed-in user's scope.
 */
@Controller
class ReportPagesController {

    static final int PREVIEW_ROWS = 50;

    /** The builder's form as the page shows it. */
    public record Builder(String template, String entity, List<String> columns, String groupBy, String dateBucket,
            String function, String field, String dateFrom, String dateTo) {

        public boolean shows(String column) {
            return columns.contains(column);
        }
    }

    private final Reports reports;
    private final ReportSchedules schedules;
    private final Tenancy tenancy;

    ReportPagesController(Reports reports, ReportSchedules schedules, Tenancy tenancy) {
        this.reports = reports;
        this.schedules = schedules;
        this.tenancy = tenancy;
    }

    @GetMapping("/reports")
    @RequiresPermission("reports:read")
    String page(@RequestParam(required = false) String template, @RequestParam(required = false) String entity,
            Model model) {
        CurrentUser user = Authenticated.user();
        tenancy.runAs(user.organizationId(), () -> {
            List<ReportViews.Template> templates = reports.templates(user);
            List<ReportViews.Entity> entities = reports.entities(user);
            model.addAttribute("templates", templates);
            model.addAttribute("entities", entities);
            model.addAttribute("builder", builder(template, entity, templates, entities));
            model.addAttribute("schedules", user.can("reports:schedule") ? schedules.list(user) : List.of());
            model.addAttribute("runs", reports.history(user, PageRequest.of(20, 0), null).items());
        });
        model.addAttribute("canExport", user.can("reports:export"));
        model.addAttribute("canSchedule", user.can("reports:schedule"));
        return "reports";
    }

    @PostMapping("/reports/preview")
    @RequiresPermission("reports:read")
    String preview(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        CurrentUser user = Authenticated.user();
        try {
            ReportViews.Preview preview = tenancy.callAs(user.organizationId(), () -> reports.build(user,
                    new Reports.BuildRequest(null, definition(form), null, null, PREVIEW_ROWS)));
            model.addAttribute("preview", preview);
            model.addAttribute("chart", chart(preview));
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.FORBIDDEN) {
                throw refused;
            }
            model.addAttribute("errors", Forms.errorsOf(refused));
        }
        return "reports :: preview";
    }

    @PostMapping("/reports/download")
    @RequiresPermission("reports:export")
    void download(@RequestParam MultiValueMap<String, String> form, @RequestParam String format,
            HttpServletResponse response) throws IOException {
        CurrentUser user = Authenticated.user();
        Reports.ExportRequest request = new Reports.ExportRequest(null, definition(form), null, null, format,
                form.getFirst("name"), "download");
        Reports.Prepared prepared = tenancy.callAs(user.organizationId(), () -> reports.prepareDownload(user, request));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(prepared.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=" + prepared.fileName());
        OutputStream out = response.getOutputStream();
        reports.writeDownload(user, prepared, out);
        out.flush();
    }

    @PostMapping("/reports/schedules")
    @RequiresPermission("reports:schedule")
    String schedule(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        CurrentUser user = Authenticated.user();
        try {
            ReportSchedules.Create request = new ReportSchedules.Create(form.getFirst("schedule_name"), null,
                    definition(form), form.getFirst("schedule_format"), form.getFirst("frequency"),
                    form.getFirst("time"), number(form.getFirst("day_of_week")), number(form.getFirst("day_of_month")),
                    recipients(form.getFirst("recipients")), blankToNull(form.getFirst("period")));
            tenancy.runAs(user.organizationId(), () -> schedules.create(user, request));
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.FORBIDDEN) {
                throw refused;
            }
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            response.setHeader("HX-Retarget", "#schedule-errors");
            response.setHeader("HX-Reswap", "innerHTML");
            model.addAttribute("errors", Forms.errorsOf(refused));
            return "fragments :: field-errors";
        }
        scheduleList(user, model);
        // the whole card: a fresh form without the errors of an earlier try, and the list with the new schedule
        return "reports :: schedules-card";
    }

    @PostMapping("/reports/schedules/{id}")
    @RequiresPermission("reports:schedule")
    String changeSchedule(@PathVariable UUID id, @RequestParam(required = false) String status,
            @RequestParam(required = false) String frequency, @RequestParam(required = false) String time,
            @RequestParam(required = false) String recipients, HttpServletResponse response, Model model) {
        CurrentUser user = Authenticated.user();
        try {
            ReportSchedules.Update update = new ReportSchedules.Update(null, null, null, blankToNull(frequency),
                    blankToNull(time), null, null, recipients == null ? null : recipients(recipients), null,
                    blankToNull(status));
            tenancy.runAs(user.organizationId(), () -> schedules.update(user, id, update, MergePatch.nullKeeps()));
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.FORBIDDEN || refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            response.setHeader("HX-Retarget", "#schedule-" + id + "-errors");
            response.setHeader("HX-Reswap", "innerHTML");
            model.addAttribute("errors", Forms.errorsOf(refused));
            return "fragments :: field-errors";
        }
        return scheduleList(user, model);
    }

    @PostMapping("/reports/schedules/{id}/delete")
    @RequiresPermission("reports:schedule")
    String deleteSchedule(@PathVariable UUID id, Model model) {
        CurrentUser user = Authenticated.user();
        tenancy.runAs(user.organizationId(), () -> schedules.delete(user, id));
        return scheduleList(user, model);
    }

    private String scheduleList(CurrentUser user, Model model) {
        tenancy.runAs(user.organizationId(), () -> model.addAttribute("schedules", schedules.list(user)));
        model.addAttribute("canExport", user.can("reports:export"));
        model.addAttribute("canSchedule", user.can("reports:schedule"));
        return "reports :: schedules";
    }

    /** The form's report: an entity with its columns, or its grouping and one aggregation, and the date range. */
    static ReportDefinition definition(MultiValueMap<String, String> form) {
        String entity = blankToNull(form.getFirst("entity"));
        List<String> columns = form.getOrDefault("columns", List.of()).stream().filter(c -> !c.isBlank()).toList();
        String groupBy = blankToNull(form.getFirst("group_by"));
        String bucket = blankToNull(form.getFirst("date_bucket"));
        String function = blankToNull(form.getFirst("function"));
        boolean grouped = groupBy != null || bucket != null;
        List<ReportDefinition.Aggregation> aggregations = new ArrayList<>();
        if (grouped) {
            aggregations.add(new ReportDefinition.Aggregation(function == null ? "count" : function,
                    blankToNull(form.getFirst("field"))));
            if (function != null && !function.equals("count")) {
                aggregations.addFirst(new ReportDefinition.Aggregation("count", null));
            }
        }
        return new ReportDefinition(entity == null ? "leads" : entity, grouped ? List.of() : columns, null,
                groupBy == null ? List.of() : List.of(groupBy), bucket, blankToNull(form.getFirst("date_from")),
                blankToNull(form.getFirst("date_to")), aggregations, null, null);
    }

    private static Builder builder(String template, String entity, List<ReportViews.Template> templates,
            List<ReportViews.Entity> entities) {
        // a template opens its own entity; picking another entity leaves the template
        ReportDefinition definition = templates.stream().filter(t -> t.id().equals(template)).findFirst()
                .map(ReportViews.Template::definition)
                .filter(d -> entity == null || entity.isBlank() || d.entity().equals(entity)).orElse(null);
        String chosen = definition != null ? definition.entity()
                : entities.stream().anyMatch(e -> e.name().equals(entity)) ? entity
                : entities.isEmpty() ? "leads" : entities.getFirst().name();
        if (definition == null) {
            List<String> defaults = entities.stream().filter(e -> e.name().equals(chosen)).findFirst()
                    .map(ReportViews.Entity::defaultColumns).orElse(List.of());
            return new Builder(null, chosen, defaults, null, null, "count", null, null, null);
        }
        ReportDefinition.Aggregation last = definition.aggregations().isEmpty() ? null
                : definition.aggregations().getLast();
        return new Builder(template, chosen, definition.columns(),
                definition.groupBy().isEmpty() ? null : definition.groupBy().getFirst(), definition.dateBucket(),
                last == null ? "count" : last.function(), last == null ? null : last.field(), null, null);
    }

    /** A bar chart of the last number column by the first other column, when the report has both. */
    private static Map<String, Object> chart(ReportViews.Preview preview) {
        int value = -1;
        for (int c = preview.columns().size() - 1; c >= 0 && value < 0; c--) {
            if (preview.columns().get(c).type().equals("number")) {
                value = c;
            }
        }
        int label = value <= 0 ? -1 : 0;
        if (value < 0 || label < 0 || preview.rows().isEmpty()) {
            return null;
        }
        List<String> labels = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (List<Object> row : preview.rows().subList(0, Math.min(20, preview.rows().size()))) {
            labels.add(row.get(label) == null ? "(none)" : row.get(label).toString());
            values.add(row.get(value));
        }
        return Map.of("labels", labels, "values", values, "label", preview.columns().get(value).label());
    }

    private static List<String> recipients(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    private static Integer number(String text) {
        try {
            return text == null || text.isBlank() ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
