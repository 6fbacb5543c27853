package com.educonsult.crm.calls;

import static com.educonsult.crm.jooq.Tables.CALL_LOGS;
import static com.educonsult.crm.jooq.Tables.CALL_RECORDINGS;

import com.educonsult.crm.jooq.tables.records.CallRecordingsRecord;
import com.educonsult.crm.leads.LeadDirectory;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import com.educonsult.crm.platform.storage.ObjectStore;
import com.educonsult.crm.platform.web.ApiException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may listen to a recording, and the short-lived URL to listen with. A recording is heard by whoever may see
 * the call's lead (the leads module's data scope), by the user who made the call, and for calls with no lead by
 * users who see the whole organization. Anything else is 404, like another organization's recording.
 */
@Service
public class RecordingPlayback {

    /**
     * A call's recording as a player needs it: its state, and while uploaded the URL that plays it (Range requests
     * supported, so a player can seek) until {@code playbackUrlExpiresAt}.
     */
    public record Listening(UUID recordingId, UUID callLogId, String status, Integer durationSeconds, URI playbackUrl,
            OffsetDateTime playbackUrlExpiresAt) {
    }

    /** A recording with a URL that plays it until {@code playbackUrlExpiresAt} (null unless uploaded). */
    record Playable(RecordingViews.RecordingView recording, URI playbackUrl, OffsetDateTime playbackUrlExpiresAt) {
    }

    /** Where to fetch a recording's audio, and how long it lasts. */
    record Audio(ObjectStore.PresignedRequest get, Integer durationSeconds) {
    }

    private final DSLContext db;
    private final LeadDirectory leads;
    private final ObjectStore store;
    private final RecordingSettings settings;
    private final AuditTrail audit;

    RecordingPlayback(DSLContext db, LeadDirectory leads, ObjectStore store, RecordingSettings settings,
            AuditTrail audit) {
        this.db = db;
        this.leads = leads;
        this.store = store;
        this.settings = settings;
        this.audit = audit;
    }

    /**
     * The call's latest recording to be played by the user, as {@link #forCall}; handing out a URL that plays it is
     * recorded in the audit log (who, which recording of which call, when, and until when the URL plays).
     */
    @Transactional
    public Listening play(CurrentUser user, UUID callLogId) {
        Playable playable = forCallRecorded(user, callLogId);
        RecordingViews.RecordingView recording = playable.recording();
        return new Listening(recording.id(), callLogId, recording.status(), recording.durationSeconds(),
                playable.playbackUrl(), playable.playbackUrlExpiresAt());
    }

    /** As {@link #forCall}, with the playback URL it hands out recorded in the audit log. */
    @Transactional
    Playable forCallRecorded(CurrentUser user, UUID callLogId) {
        Playable playable = forCall(user, callLogId);
        RecordingViews.RecordingView recording = playable.recording();
        if (playable.playbackUrl() != null) {
            Map<String, Object> played = new LinkedHashMap<>();
            played.put("call_log_id", callLogId);
            played.put("recording_user_id", recording.userId());
            played.put("playback_url_expires_at", playable.playbackUrlExpiresAt());
            audit.record("recording.played", "call_recording", recording.id(), null, played);
        }
        return playable;
    }

    /** A presigned GET of the recording's audio (it supports Range requests). */
    @Transactional(readOnly = true)
    Audio stream(CurrentUser user, UUID recordingId) {
        CallRecordingsRecord recording = db.select(CALL_RECORDINGS.fields()).from(CALL_RECORDINGS)
                .join(CALL_LOGS).on(CALL_LOGS.ORGANIZATION_ID.eq(CALL_RECORDINGS.ORGANIZATION_ID),
                        CALL_LOGS.ID.eq(CALL_RECORDINGS.CALL_LOG_ID))
                .where(CALL_RECORDINGS.ORGANIZATION_ID.eq(user.organizationId()),
                        CALL_RECORDINGS.ID.eq(recordingId), CALL_RECORDINGS.STATUS.eq("uploaded"), audible(user))
                .fetchOptionalInto(CALL_RECORDINGS)
                .orElseThrow(() -> ApiException.notFound("Recording"));
        return new Audio(store.presignDownload(recording.getStorageKey(), settings.streamUrlTtl()),
                recording.getDurationSeconds());
    }

    /** The call's latest recording with a playback URL; 404 when the call has none or is out of reach. */
    @Transactional(readOnly = true)
    Playable forCall(CurrentUser user, UUID callLogId) {
        db.select(CALL_LOGS.ID).from(CALL_LOGS)
                .where(CALL_LOGS.ORGANIZATION_ID.eq(user.organizationId()), CALL_LOGS.ID.eq(callLogId), audible(user))
                .fetchOptional()
                .orElseThrow(() -> ApiException.notFound("Call"));
        CallRecordingsRecord recording = db.selectFrom(CALL_RECORDINGS)
                .where(CALL_RECORDINGS.ORGANIZATION_ID.eq(user.organizationId()),
                        CALL_RECORDINGS.CALL_LOG_ID.eq(callLogId))
                .orderBy(CALL_RECORDINGS.ID.desc())
                .limit(1)
                .fetchOptional()
                .orElseThrow(() -> ApiException.notFound("Recording"));
        if (!"uploaded".equals(recording.getStatus())) {
            return new Playable(RecordingViews.of(recording), null, null);
        }
        ObjectStore.PresignedRequest get = store.presignDownload(recording.getStorageKey(), settings.streamUrlTtl());
        return new Playable(RecordingViews.of(recording), get.url(), get.expiresAt());
    }

    /** On call_logs: calls whose recordings the user may hear. */
    private Condition audible(CurrentUser user) {
        return DSL.or(
                CALL_LOGS.USER_ID.eq(user.userId()),
                CALL_LOGS.LEAD_ID.isNotNull().and(leads.visibleLead(user, CALL_LOGS.LEAD_ID)),
                user.dataScope() == DataScope.ALL ? CALL_LOGS.LEAD_ID.isNull() : DSL.falseCondition());
    }
}
