package com.educonsult.crm.calls;

import static com.educonsult.crm.jooq.Tables.CALL_LOGS;
import static com.educonsult.crm.jooq.Tables.CALL_RECORDINGS;

import com.educonsult.crm.jooq.tables.records.CallRecordingsRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.storage.ObjectStore;
import com.educonsult.crm.platform.web.ApiException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The phone's upload of a call's recording: an upload URL for one of the caller's own calls (within the quota),
 * then the confirmation once the file is in storage. Field names in errors are those of the app's requests,
 * the only client that uploads.
 */
@Service
class RecordingUploads {

    /** What the phone is about to upload. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Upload(@NotNull UUID callLogId, @Size(max = 255) String fileName, @NotNull @Positive Long fileSize,
            @Size(max = 100) String contentType) {
    }

    /** The upload URL: send {@code method} to {@code url} with {@code headers} and at most {@code maxBytes}. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record UploadTicket(UUID recordingId, UUID callLogId, String storageKey, String method, URI uploadUrl,
            Map<String, String> headers, OffsetDateTime expiresAt, long expiresIn, long maxBytes) {
    }

    /** What the phone reports once the upload finished; the recording by id, or the call's pending one. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Confirmation(UUID recordingId, UUID callLogId, @Min(0) @Max(86_400) Integer duration,
            @Min(0) @Max(10_000) Integer bitrate, @Size(max = 10) String format) {
    }

    private final DSLContext db;
    private final ObjectStore store;
    private final RecordingQuota quota;
    private final RecordingSettings settings;
    private final AuditTrail audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    RecordingUploads(DSLContext db, ObjectStore store, RecordingQuota quota, RecordingSettings settings,
            AuditTrail audit, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.db = db;
        this.store = store;
        this.quota = quota;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A pending recording of the call and a fresh upload URL for it; asking again while it is pending gives a new
     * URL for the same recording.
     */
    @Transactional
    UploadTicket requestUpload(CurrentUser user, Upload upload) {
        String contentType = RecordingFormats.contentType(upload.contentType())
                .orElseThrow(() -> ApiException.invalid("contentType", "must be an audio type, e.g. audio/mp4"));
        long size = checkedSize(upload.fileSize());
        lockOwnCall(user, upload.callLogId());
        quota.lock(user.organizationId());
        CallRecordingsRecord live = live(user.organizationId(), upload.callLogId()).orElse(null);
        if (live != null && "uploaded".equals(live.getStatus())) {
            throw ApiException.conflict("callLogId", "The call already has an uploaded recording");
        }
        quota.checkRoom(user.organizationId(), live == null ? null : live.getId(), size);

        String format = RecordingFormats.formatOf(upload.fileName(), contentType);
        CallRecordingsRecord before = live == null ? null : live.copy();
        CallRecordingsRecord recording = live != null ? live : db.newRecord(CALL_RECORDINGS);
        if (live == null) {
            recording.setOrganizationId(user.organizationId());
            recording.setId(Ids.newId());
            recording.setCallLogId(upload.callLogId());
            recording.setUserId(user.userId());
            recording.setStatus("pending");
        }
        recording.setStorageKey(user.organizationId() + "/recordings/" + recording.getId() + "." + format);
        recording.setContentType(contentType);
        recording.setSizeBytes(size);
        recording.setFormat(format);
        recording.setOriginalFileName(trimmed(upload.fileName(), 255));
        recording.setUpdatedAt(now());
        recording.store();
        RecordingCalls.show(db, recording);
        audit.record(live == null ? "call_recording.upload_requested" : "call_recording.upload_renewed",
                "call_recording", recording.getId(), before == null ? null : RecordingViews.of(before),
                RecordingViews.of(recording));

        ObjectStore.PresignedRequest put = store.presignUpload(recording.getStorageKey(), contentType, size,
                settings.uploadUrlTtl());
        return new UploadTicket(recording.getId(), recording.getCallLogId(), recording.getStorageKey(), put.method(),
                put.url(), put.headers(), put.expiresAt(), settings.uploadUrlTtl().toSeconds(), size);
    }

    /**
     * Checks the uploaded object and keeps the recording until the retention ends. Confirming again is harmless;
     * a missing file leaves the recording pending (the phone may retry the upload); a file over the limits is
     * deleted and the recording marked failed.
     */
    @Transactional(noRollbackFor = RecordingRefused.class)
    RecordingViews.RecordingView confirm(CurrentUser user, Confirmation confirmation) {
        CallRecordingsRecord recording = ownRecording(user, confirmation);
        if ("uploaded".equals(recording.getStatus())) {
            return RecordingViews.of(recording);
        }
        if (!"pending".equals(recording.getStatus())) {
            throw ApiException.conflict("recordingId",
                    "The recording is " + recording.getStatus() + "; ask for a new upload URL");
        }
        String format = confirmation.format() == null ? recording.getFormat()
                : RecordingFormats.format(confirmation.format())
                        .orElseThrow(() -> ApiException.invalid("format", "must be a file format such as m4a or mp3"));
        ObjectStore.ObjectInfo object = store.stat(recording.getStorageKey())
                .orElseThrow(() -> ApiException.invalid("recordingId",
                        "No uploaded file was found in storage for this recording; upload it first"));
        CallRecordingsRecord before = recording.copy();
        long limit = Math.min(recording.getSizeBytes(), settings.recordingMaxSize().toBytes());
        if (object.size() > limit) {
            store.delete(recording.getStorageKey());
            recording.setStatus("failed");
            recording.setLastError("The file has " + object.size() + " bytes, more than the " + limit + " announced");
            recording.setUpdatedAt(now());
            recording.store();
            RecordingCalls.show(db, recording);
            audit.record("call_recording.failed", "call_recording", recording.getId(), RecordingViews.of(before),
                    RecordingViews.of(recording));
            events.publishEvent(new RecordingFailed(recording.getOrganizationId(), recording.getId(),
                    recording.getCallLogId(), recording.getUserId(), recording.getLastError()));
            throw new RecordingRefused("fileSize", recording.getLastError());
        }
        OffsetDateTime now = now();
        recording.setStatus("uploaded");
        recording.setSizeBytes(object.size());
        recording.setDurationSeconds(confirmation.duration());
        recording.setBitrateKbps(confirmation.bitrate());
        recording.setFormat(format);
        recording.setLastError(null);
        recording.setUploadedAt(now);
        recording.setExpiresAt(now.plusDays(quota.policy(recording.getOrganizationId()).retentionDays()));
        recording.setUpdatedAt(now);
        recording.store();
        RecordingCalls.show(db, recording);
        audit.record("call_recording.uploaded", "call_recording", recording.getId(), RecordingViews.of(before),
                RecordingViews.of(recording));
        UUID leadId = db.select(CALL_LOGS.LEAD_ID).from(CALL_LOGS)
                .where(CALL_LOGS.ORGANIZATION_ID.eq(recording.getOrganizationId()),
                        CALL_LOGS.ID.eq(recording.getCallLogId()))
                .fetchOne(CALL_LOGS.LEAD_ID);
        events.publishEvent(new RecordingUploaded(recording.getOrganizationId(), recording.getId(),
                recording.getCallLogId(), leadId, recording.getUserId(), recording.getDurationSeconds(),
                recording.getSizeBytes(), recording.getFormat(), now));
        return RecordingViews.of(recording);
    }

    private long checkedSize(Long fileSize) {
        if (fileSize == null) {
            throw ApiException.invalid("fileSize", "is required");
        }
        if (fileSize <= 0) {
            throw ApiException.invalid("fileSize", "must be greater than 0");
        }
        long max = settings.recordingMaxSize().toBytes();
        if (fileSize > max) {
            throw ApiException.invalid("fileSize", "A recording may have at most " + max + " bytes");
        }
        return fileSize;
    }

    /** The caller's own call, locked so that concurrent requests for it take turns; 404 for anyone else's. */
    private void lockOwnCall(CurrentUser user, UUID callLogId) {
        if (callLogId == null) {
            throw ApiException.invalid("callLogId", "is required");
        }
        db.select(CALL_LOGS.ID).from(CALL_LOGS)
                .where(CALL_LOGS.ORGANIZATION_ID.eq(user.organizationId()), CALL_LOGS.ID.eq(callLogId),
                        CALL_LOGS.USER_ID.eq(user.userId()))
                .forNoKeyUpdate()
                .fetchOptional()
                .orElseThrow(() -> ApiException.notFound("Call"));
    }

    private Optional<CallRecordingsRecord> live(UUID organizationId, UUID callLogId) {
        return db.selectFrom(CALL_RECORDINGS)
                .where(CALL_RECORDINGS.ORGANIZATION_ID.eq(organizationId), CALL_RECORDINGS.CALL_LOG_ID.eq(callLogId),
                        CALL_RECORDINGS.STATUS.in("pending", "uploaded"))
                .forUpdate()
                .fetchOptional();
    }

    /**
     * The caller's recording by id, or the live one of the caller's call; 404 for anyone else's. Its call is locked
     * first, as a request for an upload URL does, so that the two cannot wait on each other.
     */
    private CallRecordingsRecord ownRecording(CurrentUser user, Confirmation confirmation) {
        var own = CALL_RECORDINGS.ORGANIZATION_ID.eq(user.organizationId())
                .and(CALL_RECORDINGS.USER_ID.eq(user.userId()));
        org.jooq.Condition which;
        if (confirmation.recordingId() != null) {
            which = own.and(CALL_RECORDINGS.ID.eq(confirmation.recordingId()));
        } else if (confirmation.callLogId() != null) {
            which = own.and(CALL_RECORDINGS.CALL_LOG_ID.eq(confirmation.callLogId()))
                    .and(CALL_RECORDINGS.STATUS.in("pending", "uploaded"));
        } else {
            throw ApiException.invalid("recordingId", "recordingId or callLogId is required");
        }
        UUID callLogId = db.select(CALL_RECORDINGS.CALL_LOG_ID).from(CALL_RECORDINGS).where(which)
                .fetchOptional(CALL_RECORDINGS.CALL_LOG_ID)
                .orElseThrow(() -> ApiException.notFound("Recording"));
        lockOwnCall(user, callLogId);
        return db.selectFrom(CALL_RECORDINGS).where(which).forUpdate().fetchOptional()
                .orElseThrow(() -> ApiException.notFound("Recording"));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String trimmed(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        return text.length() > max ? text.substring(0, max) : text;
    }
}
