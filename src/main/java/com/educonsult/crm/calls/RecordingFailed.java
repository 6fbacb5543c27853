package com.educonsult.crm.calls;

import java.util.UUID;

/**
 * A call's recording was marked failed (the file was over its limits, or the upload was never confirmed in time);
 * published inside the transaction of that change. {@code userId} is the user whose phone uploads it.
 */
public record RecordingFailed(UUID organizationId, UUID recordingId, UUID callId, UUID userId, String reason) {
}
