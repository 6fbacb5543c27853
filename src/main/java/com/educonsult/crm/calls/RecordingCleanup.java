package com.educonsult.crm.calls;

import static com.educonsult.crm.jooq.Tables.CALL_LOGS;
import static com.educonsult.crm.jooq.Tables.CALL_RECORDINGS;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.jooq.tables.records.CallRecordingsRecord;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.storage.ObjectStore;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToIntFunction;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The recordings' housekeeping, organization by organization in their own transactions (a failing organization
 * is logged and reported without stopping the others): recordings past their retention leave storage and are
 * marked deleted; uploads never confirmed within the timeout are marked failed and any partial file removed.
 */
@Service
class RecordingCleanup {

    static final int BATCH = 200;

    private static final Logger log = LoggerFactory.getLogger(RecordingCleanup.class);

    /** What one run did: recordings handled per organization, and the organizations that failed with why. */
    record Run(Map<UUID, Integer> recordingsByOrganization, Map<UUID, String> failures) {

        int total() {
            return recordingsByOrganization.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final DSLContext db;
    private final UserDirectory users;
    private final Tenancy tenancy;
    private final ObjectStore store;
    private final RecordingSettings settings;
    private final AuditTrail audit;
    private final org.springframework.context.ApplicationEventPublisher events;

    RecordingCleanup(DSLContext db, UserDirectory users, Tenancy tenancy, ObjectStore store,
            RecordingSettings settings, AuditTrail audit, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.db = db;
        this.users = users;
        this.tenancy = tenancy;
        this.store = store;
        this.settings = settings;
        this.audit = audit;
    }

    /** Deletes the recordings whose retention ended by {@code now}. */
    Run deleteExpired(Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return eachOrganization("expired recordings", organizationId -> retire(organizationId,
                CALL_RECORDINGS.STATUS.eq("uploaded").and(CALL_RECORDINGS.EXPIRES_AT.le(at)), at, "deleted",
                null, "call_recordings.expired"));
    }

    /** Fails the uploads still pending {@code pendingUploadTimeout} after their last upload URL. */
    Run failStalePending(Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        OffsetDateTime cutoff = at.minus(settings.pendingUploadTimeout());
        return eachOrganization("stale uploads", organizationId -> retire(organizationId,
                CALL_RECORDINGS.STATUS.eq("pending").and(CALL_RECORDINGS.UPDATED_AT.lt(cutoff)), at, "failed",
                "The upload was not confirmed in time", "call_recordings.upload_timed_out"));
    }

    private Run eachOrganization(String what, ToIntFunction<UUID> work) {
        Map<UUID, Integer> done = new LinkedHashMap<>();
        Map<UUID, String> failures = new LinkedHashMap<>();
        for (UUID organizationId : users.allOrganizations()) {
            try {
                int count = work.applyAsInt(organizationId);
                if (count > 0) {
                    done.put(organizationId, count);
                }
            } catch (RuntimeException e) {
                log.warn("Cleaning up {} failed for organization {}", what, organizationId, e);
                failures.put(organizationId, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        if (!done.isEmpty() || !failures.isEmpty()) {
            log.info("Cleaned up {}: {} recording(s) in {} organization(s), {} failed", what,
                    done.values().stream().mapToInt(Integer::intValue).sum(), done.size(), failures.size());
        }
        return new Run(done, failures);
    }

    /**
     * Whether the recording's call can be locked at once. Requests lock a call before its recordings; this job
     * holds the recordings already, so instead of waiting for the call (and possibly deadlocking with such a
     * request) it leaves a busy call's recording to the next run.
     */
    private boolean callIsFree(CallRecordingsRecord recording) {
        return db.select(CALL_LOGS.ID).from(CALL_LOGS)
                .where(CALL_LOGS.ORGANIZATION_ID.eq(recording.getOrganizationId()),
                        CALL_LOGS.ID.eq(recording.getCallLogId()))
                .forNoKeyUpdate().skipLocked()
                .fetchOptional().isPresent();
    }

    /** One batch: how many recordings it selected and how many of them it retired. */
    private record Pass(int selected, int retired) {
    }

    /** Batch by batch, each in its own transaction: removes the files, then records the new status. */
    private int retire(UUID organizationId, org.jooq.Condition which, OffsetDateTime at, String status,
            String error, String action) {
        int total = 0;
        while (true) {
            Pass pass = tenancy.callAs(organizationId, () -> {
                List<CallRecordingsRecord> batch = db.selectFrom(CALL_RECORDINGS)
                        .where(CALL_RECORDINGS.ORGANIZATION_ID.eq(organizationId), which)
                        .orderBy(CALL_RECORDINGS.ID)
                        .limit(BATCH)
                        .forUpdate().skipLocked()
                        .fetch();
                List<UUID> retired = new java.util.ArrayList<>();
                for (CallRecordingsRecord recording : batch) {
                    if (!callIsFree(recording)) {
                        continue;
                    }
                    retired.add(recording.getId());
                    store.delete(recording.getStorageKey());
                    recording.setStatus(status);
                    recording.setLastError(error);
                    if ("deleted".equals(status)) {
                        recording.setDeletedAt(at);
                    }
                    recording.setUpdatedAt(at);
                    recording.store();
                    RecordingCalls.show(db, recording);
                    if ("failed".equals(status)) {
                        events.publishEvent(new RecordingFailed(recording.getOrganizationId(), recording.getId(),
                                recording.getCallLogId(), recording.getUserId(), error));
                    }
                }
                if (!retired.isEmpty()) {
                    audit.record(action, "call_recording", null, null, Map.of("count", retired.size(),
                            "ids", retired));
                }
                return new Pass(batch.size(), retired.size());
            });
            total += pass.retired();
            if (pass.selected() < BATCH || pass.retired() == 0) {
                return total;
            }
        }
    }
}
