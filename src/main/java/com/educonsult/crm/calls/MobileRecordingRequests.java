package com.educonsult.crm.calls;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The Android app's recording requests and responses, in its camelCase. */
final class MobileRecordingRequests {

    private MobileRecordingRequests() {
    }

    /** The phone's reports, with its make and model (each report may name them too). */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Sync(@NotNull @Size(max = RecordingReports.MAX_BATCH) List<RecordingReports.Report> recordings,
            @Size(max = 100) String manufacturer, @Size(max = 100) String model) {
    }

    /** The phone's make and model, and optionally the folder where it found recordings. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record SuggestPaths(@Size(max = 100) String manufacturer, @Size(max = 100) String model,
            @Size(max = RecordingPaths.MAX_PATH) String successPath) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Paths(List<String> paths) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Space(long usedBytes, long pendingBytes, long limitBytes, long availableBytes, BigDecimal usedPercentage,
            long maxFileBytes, int retentionDays) {

        static Space of(RecordingQuota.Space space) {
            return new Space(space.usedBytes(), space.pendingBytes(), space.limitBytes(), space.availableBytes(),
                    space.usedPercentage(), space.maxFileBytes(), space.retentionDays());
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Recording(UUID id, UUID callLogId, String status, String contentType, long fileSize, Integer duration,
            Integer bitrate, String format, OffsetDateTime uploadedAt, OffsetDateTime expiresAt) {

        static Recording of(RecordingViews.RecordingView r) {
            return new Recording(r.id(), r.callLogId(), r.status(), r.contentType(), r.sizeBytes(),
                    r.durationSeconds(), r.bitrateKbps(), r.format(), r.uploadedAt(), r.expiresAt());
        }
    }

    /** The stream URL as JSON, for a client that asks for JSON instead of following the redirect. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Stream(URI url, Integer duration, OffsetDateTime expiresAt) {
    }
}
