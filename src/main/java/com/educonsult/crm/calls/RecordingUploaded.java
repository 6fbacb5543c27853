package com.educonsult.crm.calls;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A call's recording was uploaded and confirmed; published inside the confirmation's transaction. */
public record RecordingUploaded(UUID organizationId, UUID recordingId, UUID callId, UUID leadId, UUID userId,
        Integer durationSeconds, long sizeBytes, String format, OffsetDateTime uploadedAt) {
}
