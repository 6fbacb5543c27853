package com.educonsult.crm.calls;

import static com.educonsult.crm.jooq.Tables.CALL_LOGS;
import static com.educonsult.crm.jooq.Tables.CALL_RECORDING_REPORTS;

import com.educonsult.crm.platform.Text;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What the phone reports about finding and compressing its calls' recordings, kept once per call (the latest
 * report wins, re-sending changes nothing). A recording found in a new place counts once for that place's rank.
 * Each item gets its own result: one bad item never fails the batch.
 */
@Service
class RecordingReports {

    static final int MAX_BATCH = 500;
    static final Set<String> STATUSES = Set.of("found", "not_found", "compressed", "compression_failed",
            "upload_failed", "skipped");

    /** One call's report; checked item by item. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Report(String callLogId, String status, String successPath, String fileName, Long fileSize,
            Long compressedSize, Integer duration, String format, String manufacturer, String model, String error) {
    }

    /** recorded or invalid (with the reason); for recorded ones, whether the server still needs the file. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record ReportResult(int index, String callLogId, String result, String reason, UUID recordingId,
            String recordingStatus, boolean needsUpload) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Result(int total, int recorded, int invalid, List<ReportResult> results) {
    }

    private final DSLContext db;
    private final RecordingPaths paths;
    private final AuditTrail audit;
    private final Clock clock;

    RecordingReports(DSLContext db, RecordingPaths paths, AuditTrail audit, Clock clock) {
        this.db = db;
        this.paths = paths;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Result sync(CurrentUser user, String manufacturer, String model, List<Report> reports) {
        List<ReportResult> results = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            results.add(record(user, i, reports.get(i), manufacturer, model));
        }
        int recorded = (int) results.stream().filter(r -> "recorded".equals(r.result())).count();
        if (recorded > 0) {
            audit.record("call_recordings.reported", "call_recording_report", null, null,
                    Map.of("total", results.size(), "recorded", recorded));
        }
        return new Result(results.size(), recorded, results.size() - recorded, results);
    }

    private ReportResult record(CurrentUser user, int index, Report report, String manufacturer, String model) {
        if (report == null) {
            return invalid(index, null, "missing recording report");
        }
        UUID callLogId;
        try {
            callLogId = UUID.fromString(Objects.requireNonNullElse(report.callLogId(), "").trim());
        } catch (IllegalArgumentException e) {
            return invalid(index, report.callLogId(), "callLogId must be a call id");
        }
        String status = report.status() == null ? null : report.status().trim().toLowerCase(Locale.ROOT);
        if (status == null || !STATUSES.contains(status)) {
            return invalid(index, report.callLogId(), "status must be one of " + String.join(", ",
                    STATUSES.stream().sorted().toList()));
        }
        String path = Text.blankToNull(report.successPath());
        if (path != null && (!path.startsWith("/") || path.length() > RecordingPaths.MAX_PATH)) {
            return invalid(index, report.callLogId(), "successPath must be an absolute path");
        }
        if (negative(report.fileSize()) || negative(report.compressedSize())
                || (report.duration() != null && report.duration() < 0)) {
            return invalid(index, report.callLogId(), "sizes and duration must not be negative");
        }
        Record3<UUID, UUID, String> call = db.select(CALL_LOGS.ID, CALL_LOGS.RECORDING_ID, CALL_LOGS.RECORDING_STATUS)
                .from(CALL_LOGS)
                .where(CALL_LOGS.ORGANIZATION_ID.eq(user.organizationId()), CALL_LOGS.ID.eq(callLogId),
                        CALL_LOGS.USER_ID.eq(user.userId()))
                .fetchOne();
        if (call == null) {
            return invalid(index, report.callLogId(), "call not found");
        }
        String make = RecordingPaths.normalize(first(report.manufacturer(), manufacturer));
        String device = RecordingPaths.normalize(first(report.model(), model));
        String previousPath = db.select(CALL_RECORDING_REPORTS.FOUND_PATH).from(CALL_RECORDING_REPORTS)
                .where(CALL_RECORDING_REPORTS.ORGANIZATION_ID.eq(user.organizationId()),
                        CALL_RECORDING_REPORTS.CALL_LOG_ID.eq(callLogId))
                .forUpdate()
                .fetchOne(CALL_RECORDING_REPORTS.FOUND_PATH);
        var row = db.newRecord(CALL_RECORDING_REPORTS);
        row.setOrganizationId(user.organizationId());
        row.setCallLogId(callLogId);
        row.setUserId(user.userId());
        row.setStatus(status);
        row.setFoundPath(path);
        row.setFileName(clip(report.fileName(), 255));
        row.setOriginalSize(report.fileSize());
        row.setCompressedSize(report.compressedSize());
        row.setDurationSeconds(report.duration());
        row.setFormat(RecordingFormats.format(report.format()).orElse(null));
        row.setManufacturer(clip(make, 100));
        row.setModel(clip(device, 100));
        row.setError(clip(report.error(), 1000));
        row.setReportedAt(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        db.insertInto(CALL_RECORDING_REPORTS).set(row)
                .onConflict(CALL_RECORDING_REPORTS.ORGANIZATION_ID, CALL_RECORDING_REPORTS.CALL_LOG_ID)
                .doUpdate().set(row)
                .execute();
        boolean found = "found".equals(status) || "compressed".equals(status);
        if (found && path != null && !path.equals(previousPath)) {
            paths.reportSuccess(make, device, path);
        }
        String recordingStatus = call.value3();
        return new ReportResult(index, report.callLogId(), "recorded", null, call.value2(), recordingStatus,
                found && !"uploaded".equals(recordingStatus));
    }

    private static ReportResult invalid(int index, String callLogId, String reason) {
        return new ReportResult(index, callLogId, "invalid", reason, null, null, false);
    }

    private static boolean negative(Long value) {
        return value != null && value < 0;
    }

    private static String first(String value, String fallback) {
        return Text.blankToNull(value) != null ? value : fallback;
    }

    private static String clip(String value, int max) {
        String text = Text.blankToNull(value);
        if (text == null) {
            return null;
        }
        text = text.trim();
        return text.length() > max ? text.substring(0, max) : text;
    }
}
