package com.educonsult.crm.calls;

import com.educonsult.crm.jooq.tables.records.CallRecordingsRecord;
import java.time.OffsetDateTime;
import java.util.UUID;

/** How a recording is shown (and audited). */
final class RecordingViews {

    private RecordingViews() {
    }

    record RecordingView(UUID id, UUID callLogId, UUID userId, String status, String contentType, long sizeBytes,
            Integer durationSeconds, Integer bitrateKbps, String format, String lastError, OffsetDateTime uploadedAt,
            OffsetDateTime expiresAt, OffsetDateTime deletedAt, OffsetDateTime createdAt) {
    }

    static RecordingView of(CallRecordingsRecord r) {
        return new RecordingView(r.getId(), r.getCallLogId(), r.getUserId(), r.getStatus(), r.getContentType(),
                r.getSizeBytes(), r.getDurationSeconds(), r.getBitrateKbps(), r.getFormat(), r.getLastError(),
                r.getUploadedAt(), r.getExpiresAt(), r.getDeletedAt(), r.getCreatedAt());
    }
}
