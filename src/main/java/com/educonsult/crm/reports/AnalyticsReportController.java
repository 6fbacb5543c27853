package com.educonsult.crm.reports;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.AlsoAnswers;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 02's custom reports and exports, on the report builder's machinery: a report type is a built-in template,
 * its filters the template's date range and filters.
 */
@RestController
@RequestMapping("/api/v1/analytics")
@Tag(name = "Reports")
class AnalyticsReportController {

    /** Seed 02's report types, by the built-in template each one is. */
    static final Map<String, String> REPORT_TYPES = new LinkedHashMap<>();

    static {
        REPORT_TYPES.put("lead_performance", "source_performance");
        REPORT_TYPES.put("lead_analytics", "lead_pipeline");
        REPORT_TYPES.put("lead_pipeline", "lead_pipeline");
        REPORT_TYPES.put("source_performance", "source_performance");
        REPORT_TYPES.put("platform_performance", "source_performance");
        REPORT_TYPES.put("user_performance", "counselor_activity");
        REPORT_TYPES.put("counselor_activity", "counselor_activity");
        REPORT_TYPES.put("calls", "calls");
        REPORT_TYPES.put("follow_ups", "follow_ups");
        REPORT_TYPES.put("sla", "sla");
        REPORT_TYPES.put("sla_compliance", "sla");
        REPORT_TYPES.put("conversions", "conversions");
    }

    @Schema(name = "AnalyticsReportFilters")
    record Filters(String dateFrom, String dateTo,
            @Schema(description = "Leads' platform (lead reports)") @Size(max = 50) String platform,
            @Schema(description = "Status codes (lead reports)") @Size(max = 50) List<@Size(max = 100) String> status,
            @Schema(description = "Leads' source (lead reports)") @Size(max = 200) String source,
            @Schema(description = "The assignee (lead reports)") UUID assignedUserId) {
    }

    @Schema(name = "AnalyticsCustomReportRequest")
    record CustomReport(@Schema(description = "lead_performance, lead_analytics, lead_pipeline, source_performance, "
            + "platform_performance, user_performance, counselor_activity, calls, follow_ups, sla, sla_compliance, "
            + "conversions") @NotBlank String reportType, @Valid Filters filters) {
    }

    @Schema(name = "AnalyticsExportRequest")
    record ExportRequest(@NotBlank String reportType,
            @Schema(allowableValues = {"csv", "xlsx", "pdf"}) @NotBlank String format, @Valid Filters filters) {
    }

    private final Reports reports;

    AnalyticsReportController(Reports reports) {
        this.reports = reports;
    }

    @PostMapping("/custom-report")
    @RequiresPermission("reports:read")
    @Operation(summary = "Seed 02's custom report: a report type (a built-in template) with date range and filters, "
            + "built as POST /api/v1/reports/build builds it")
    ApiResponse<ReportViews.Preview> customReport(@Valid @RequestBody CustomReport request) {
        Filters filters = request.filters() == null ? new Filters(null, null, null, null, null, null)
                : request.filters();
        String template = template(request.reportType());
        Reports.Resolved resolved = reports.resolve(Authenticated.user(), template, null, filters.dateFrom(),
                filters.dateTo());
        ReportDefinition definition = withFilters(resolved.definition(), filters);
        return ApiResponse.ok(reports.build(Authenticated.user(), new Reports.BuildRequest(null, definition, null,
                null, ReportQueries.MAX_PREVIEW_ROWS)).withReportId(template));
    }

    @PostMapping("/export")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresPermission("reports:export")
    @Operation(summary = "Seed 02's export: the report type written to a file by a job; download_url answers the "
            + "file once the job is done (409 until then), until expires_at")
    ApiResponse<ReportViews.Export> export(@Valid @RequestBody ExportRequest request) {
        CurrentUser user = Authenticated.user();
        Filters filters = request.filters() == null ? new Filters(null, null, null, null, null, null)
                : request.filters();
        String template = template(request.reportType());
        Reports.Resolved resolved = reports.resolve(user, template, null, filters.dateFrom(), filters.dateTo());
        ReportDefinition definition = withFilters(resolved.definition(), filters);
        ReportViews.Run run = reports.startJob(user, new Reports.ExportRequest(null, definition, null, null,
                request.format(), resolved.name(), "job"));
        return ApiResponse.ok(new ReportViews.Export(run.id(), run.status(),
                "/api/v1/analytics/export/download/" + run.id(), run.expiresAt()), "Export started");
    }

    @GetMapping("/export/download/{id}")
    @RequiresPermission("reports:export")
    @AlsoAnswers(status = 409, description = "The export is still being written, failed, or was streamed to its "
            + "caller without a stored file")
    @AlsoAnswers(status = 410, description = "The export's file has expired")
    @Operation(summary = "The file of an export (any report run with a stored file the caller may see); 409 while "
            + "it is being written, 410 once it has expired",
            responses = @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200",
                    description = "The file", content = {
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                    @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary"))}))
    void download(@PathVariable UUID id, HttpServletResponse response) throws IOException {
        Reports.Download download = reports.download(Authenticated.user(), id);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(download.contentType());
        if (download.size() >= 0) {
            response.setContentLengthLong(download.size());
        }
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=" + download.fileName());
        try (InputStream in = download.content()) {
            OutputStream out = response.getOutputStream();
            in.transferTo(out);
            out.flush();
        }
    }

    private static String template(String reportType) {
        String template = REPORT_TYPES.get(reportType);
        if (template == null) {
            throw ApiException.invalid("report_type", "must be one of " + String.join(", ", REPORT_TYPES.keySet()));
        }
        return template;
    }

    /** Seed 02's filters as report filters; those of leads apply to lead reports only. */
    private static ReportDefinition withFilters(ReportDefinition definition, Filters filters) {
        List<ReportDefinition.Filter> more = new ArrayList<>();
        boolean leads = definition.entity().equals("leads");
        if (filters.platform() != null && !filters.platform().isBlank()) {
            more.add(new ReportDefinition.Filter(leadsOnly(leads, "platform"), "eq", filters.platform(), null));
        }
        if (filters.source() != null && !filters.source().isBlank()) {
            more.add(new ReportDefinition.Filter(leadsOnly(leads, "source"), "eq", filters.source(), null));
        }
        if (filters.status() != null && !filters.status().isEmpty()) {
            more.add(new ReportDefinition.Filter(leadsOnly(leads, "status"), "in", null, filters.status()));
        }
        if (filters.assignedUserId() != null) {
            more.add(new ReportDefinition.Filter(leadsOnly(leads, "assigned_user_id"), "eq",
                    filters.assignedUserId().toString(), null));
        }
        return definition.withFilters(more.stream().map(f -> f.field().equals("status")
                ? new ReportDefinition.Filter("status_code", f.op(), f.value(), f.values())
                : f.field().equals("assigned_user_id") ? new ReportDefinition.Filter("assigned_to", f.op(), f.value(),
                        f.values()) : f).toList());
    }

    private static String leadsOnly(boolean leads, String filter) {
        if (!leads) {
            throw ApiException.invalid("filters." + filter, "applies to lead reports only");
        }
        return filter;
    }
}
