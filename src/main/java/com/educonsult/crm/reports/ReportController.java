package com.educonsult.crm.reports;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.platform.web.RefusesNull;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Reports", description = "The report builder, templates, exports, schedules and history; every report "
        + "within the caller's data scope")
class ReportController {

    private final Reports reports;
    private final ReportSchedules schedules;
    private final JsonMapper json;

    ReportController(Reports reports, ReportSchedules schedules, JsonMapper json) {
        this.reports = reports;
        this.schedules = schedules;
        this.json = json;
    }

    @GetMapping("/templates")
    @RequiresPermission("reports:read")
    @Operation(summary = "The built-in report templates (lead pipeline, source performance, counselor activity, "
            + "calls, follow-ups, SLA, conversions) and the caller's saved ones")
    ApiResponse<List<ReportViews.Template>> templates() {
        return ApiResponse.ok(reports.templates(Authenticated.user()));
    }

    @PostMapping("/templates")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("reports:read")
    @Operation(summary = "Save a report definition as one of the caller's templates")
    ApiResponse<ReportViews.Template> saveTemplate(@Valid @RequestBody Reports.SaveTemplate request) {
        return ApiResponse.ok(reports.saveTemplate(Authenticated.user(), request), "Template saved");
    }

    @DeleteMapping("/templates/{id}")
    @RequiresPermission("reports:read")
    @Operation(summary = "Delete one of the caller's saved templates (built-in ones cannot be deleted)")
    ApiResponse<Void> deleteTemplate(@PathVariable String id) {
        reports.deleteTemplate(Authenticated.user(), id);
        return ApiResponse.ok(null, "Template deleted");
    }

    @GetMapping("/entities")
    @RequiresPermission("reports:read")
    @Operation(summary = "What reports may be built over: each entity the caller may read, its columns and types")
    ApiResponse<List<ReportViews.Entity>> entities() {
        return ApiResponse.ok(reports.entities(Authenticated.user()));
    }

    @PostMapping("/build")
    @RequiresPermission("reports:read")
    @Operation(summary = "Build a report (a template or a definition) and answer a preview of its first rows",
            description = "Columns, filters and groups come from the entity's whitelist (GET /api/v1/reports/entities);"
                    + " a name outside it is a 422 naming the field. date_from/date_to are days of the "
                    + "organization's time zone over the entity's time, as are day/week/month buckets.")
    ApiResponse<ReportViews.Preview> build(@Valid @RequestBody Reports.BuildRequest request) {
        return ApiResponse.ok(reports.build(Authenticated.user(), request));
    }

    @PostMapping(value = "/export", produces = {"text/csv",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/pdf",
            "application/json"})
    @RequiresPermission("reports:export")
    @Operation(summary = "Export a report as csv, xlsx or pdf (its table and a chart): streamed in this answer "
            + "(delivery download, the default), or written by a job (delivery job: 202 with the run, whose "
            + "progress GET /api/v1/reports/history/{id} shows, then a signed download link that expires)",
            responses = {
                    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200",
                            description = "The file", content = {
                            @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                            @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                    schema = @Schema(type = "string", format = "binary")),
                            @Content(mediaType = "application/pdf", schema = @Schema(type = "string",
                                    format = "binary"))}),
                    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "202",
                            description = "The export job's run", content = @Content(mediaType = "application/json",
                            schema = @Schema(implementation = RunResponse.class)))})
    void export(@Valid @RequestBody Reports.ExportRequest request, HttpServletResponse response) throws IOException {
        CurrentUser user = Authenticated.user();
        String delivery = request.delivery() == null ? "download" : request.delivery();
        if (delivery.equals("job")) {
            ApiResponse<ReportViews.Run> started = ApiResponse.ok(reports.startJob(user, request), "Export started");
            response.setStatus(HttpStatus.ACCEPTED.value());
            response.setContentType("application/json");
            json.writeValue(response.getOutputStream(), started);
            return;
        }
        if (!delivery.equals("download")) {
            throw com.educonsult.crm.platform.web.ApiException.invalid("delivery", "must be download or job");
        }
        Reports.Prepared prepared = reports.prepareDownload(user, request);
        // written on the request's own thread: no asynchronous request, so no request timeout cuts it short
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(prepared.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=" + prepared.fileName());
        response.setHeader("X-Report-Run", prepared.runId().toString());
        OutputStream out = response.getOutputStream();
        reports.writeDownload(user, prepared, out);
        out.flush();
    }

    @GetMapping("/history")
    @RequiresPermission("reports:read")
    @Operation(summary = "Report runs (exports, jobs, scheduled sends), newest first: who ran them, their files "
            + "and signed download links; the caller's own, their branch's for managers, all for admins")
    ApiResponse<List<ReportViews.Run>> history(
            @Parameter(description = "Only the runs of this schedule") @RequestParam(name = "schedule_id",
                    required = false) UUID scheduleId,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(reports.history(Authenticated.user(), PageRequest.of(limit, offset), scheduleId));
    }

    @GetMapping("/history/{id}")
    @RequiresPermission("reports:read")
    @Operation(summary = "One report run: its status, progress and signed download link")
    ApiResponse<ReportViews.Run> run(@PathVariable UUID id) {
        return ApiResponse.ok(reports.run(Authenticated.user(), id));
    }

    @PostMapping("/schedule")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("reports:schedule")
    @Operation(summary = "Schedule a report (a template or a definition) to be mailed daily, weekly or monthly at a "
            + "time of the organization's time zone; it runs as the caller, with their permissions at each run")
    ApiResponse<ReportViews.Schedule> schedule(@Valid @RequestBody ReportSchedules.Create request) {
        return ApiResponse.ok(schedules.create(Authenticated.user(), request), "Report scheduled");
    }

    @GetMapping("/scheduled")
    @RequiresPermission("reports:schedule")
    @Operation(summary = "Report schedules: the caller's own, their branch's for managers, all for admins")
    ApiResponse<List<ReportViews.Schedule>> scheduled() {
        return ApiResponse.ok(schedules.list(Authenticated.user()));
    }

    @GetMapping("/scheduled/{id}")
    @RequiresPermission("reports:schedule")
    @Operation(summary = "One report schedule")
    ApiResponse<ReportViews.Schedule> scheduled(@PathVariable UUID id) {
        return ApiResponse.ok(schedules.get(Authenticated.user(), id));
    }

    @PatchMapping("/scheduled/{id}")
    @RequiresPermission("reports:schedule")
    @RefusesNull({"name", "definition", "format", "frequency", "time", "recipients", "period", "status"})
    @Operation(summary = "Change a report schedule (its owner or an admin), e.g. pause it with status paused")
    ApiResponse<ReportViews.Schedule> update(@PathVariable UUID id,
            @Valid @RequestBody ReportSchedules.Update request, MergePatch patch) {
        return ApiResponse.ok(schedules.update(Authenticated.user(), id, request, patch), "Schedule updated");
    }

    @DeleteMapping("/scheduled/{id}")
    @RequiresPermission("reports:schedule")
    @Operation(summary = "Delete a report schedule (its owner or an admin); its past runs stay in the history")
    ApiResponse<Void> delete(@PathVariable UUID id) {
        schedules.delete(Authenticated.user(), id);
        return ApiResponse.ok(null, "Schedule deleted");
    }

    /** The document's name for the answer of an export job. */
    @Schema(name = "ReportRunResponse")
    record RunResponse(boolean success, ReportViews.Run data, String message) {
    }
}
