package com.educonsult.crm.reports;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What the report endpoints answer. */
public final class ReportViews {

    private ReportViews() {
    }

    @Schema(name = "ReportColumn")
    public record Column(String name, String label,
            @Schema(allowableValues = {"text", "number", "time", "date", "uuid", "boolean"}) String type) {
    }

    @Schema(name = "ReportPreview")
    public record Preview(
            @Schema(description = "The template built, if the report came from one") String reportId,
            String entity, List<Column> columns,
            @Schema(description = "The rows, each a list of values in the order of the columns")
            List<List<Object>> rows,
            @Schema(description = "Rows in this preview") int rowCount,
            @Schema(description = "Whether the report has more rows than the preview shows") boolean hasMore,
            @Schema(description = "The date range applied to the entity's time, if any") LocalDate dateFrom,
            LocalDate dateTo,
            @Schema(description = "The organization's time zone the range and buckets are in") String timeZone) {

        Preview withReportId(String id) {
            return new Preview(id, entity, columns, rows, rowCount, hasMore, dateFrom, dateTo, timeZone);
        }
    }

    @Schema(name = "ReportTemplate")
    public record Template(
            @Schema(description = "A built-in template's name (e.g. lead_pipeline) or a saved one's UUID") String id,
            String name, String description, boolean builtIn, boolean mine, ReportDefinition definition,
            OffsetDateTime createdAt) {
    }

    @Schema(name = "ReportEntity")
    public record Entity(String name, String label, String timeColumn, List<Column> columns,
            List<String> defaultColumns) {
    }

    @Schema(name = "ReportRun")
    public record Run(UUID id, String name, String format,
            @Schema(allowableValues = {"download", "job", "schedule"}) String delivery,
            @Schema(allowableValues = {"queued", "running", "completed", "failed"}) String status,
            @Schema(description = "Rows written so far") long rowsWritten,
            @Schema(description = "Rows in the report when known") Long rowsTotal,
            @Schema(description = "Percent done, when the total is known") Integer progress,
            UUID userId, String userName, UUID scheduleId, String templateId, ReportDefinition definition,
            String fileName, Long fileSize,
            @Schema(description = "A signed link to the file, valid until expires_at; no login needed")
            String downloadUrl,
            OffsetDateTime expiresAt, String error, OffsetDateTime createdAt, OffsetDateTime startedAt,
            OffsetDateTime finishedAt) {
    }

    @Schema(name = "ReportSchedule")
    public record Schedule(UUID id, String name, ReportDefinition definition, String format,
            @Schema(allowableValues = {"daily", "weekly", "monthly"}) String frequency,
            @Schema(type = "string", example = "09:00", description = "In the organization's time zone")
            LocalTime time,
            @Schema(description = "1 (Monday) to 7, for weekly schedules") Integer dayOfWeek,
            @Schema(description = "1 to 28, for monthly schedules") Integer dayOfMonth,
            List<String> recipients,
            @Schema(description = "The days each run covers, ending the day before the run", allowableValues = {
                    "previous_day", "previous_7_days", "previous_30_days", "previous_month", "all"}) String period,
            @Schema(allowableValues = {"active", "paused"}) String status,
            OffsetDateTime nextRun, OffsetDateTime lastRunAt, String lastError, UUID ownerId, boolean mine,
            String timeZone, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** Seed 02's answer to an export: where to fetch the file and until when. */
    @Schema(name = "AnalyticsExport")
    public record Export(UUID id, @Schema(allowableValues = {"queued", "running", "completed", "failed"})
            String status, String downloadUrl, OffsetDateTime expiresAt) {
    }
}
