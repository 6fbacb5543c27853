package com.educonsult.crm.calls;

import static com.educonsult.crm.jooq.Tables.CALL_LOGS;

import com.educonsult.crm.jooq.tables.records.CallLogsRecord;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A call's note, written from the phone (on the user's own calls) or from the web console (on calls in the
 * user's scope). It remembers where it was written last, so the phone can fetch the notes changed on the web;
 * a call matched to a lead carries its note onto the lead's notes through {@link CallNoted}.
 */
@Service
class CallNoteChanges implements CallNotes {

    enum Outcome { SAVED, UNCHANGED, NOT_FOUND }

    /** A change of a call's note: without notes, the call stays as it is. */
    record Change(@Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") @Size(max = 20_000) String notes) {
    }

    private final DSLContext db;
    private final CallLogs calls;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CallNoteChanges(DSLContext db, CallLogs calls, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.db = db;
        this.calls = calls;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** A note the app took on one of the user's own calls; writing the same text again changes nothing. */
    @Transactional
    Outcome fromApp(CurrentUser user, UUID callId, String content) {
        return lock(user, callId, own(user)).map(call -> write(user, call, content, "app", true))
                .orElse(Outcome.NOT_FOUND);
    }

    /** A note changed on the web console, on a call in the user's scope (404 otherwise). */
    @Transactional
    CallLogs.CallView fromWeb(CurrentUser user, UUID callId, String content) {
        CallLogsRecord call = lock(user, callId, calls.visible(user))
                .orElseThrow(() -> ApiException.notFound("Call"));
        if (content != null) {
            write(user, call, content, "web", true);
        }
        return calls.get(user, callId);
    }

    @Override
    @Transactional
    public void saveFromApp(CurrentUser user, UUID callId, UUID leadId, String content, String field) {
        CallLogsRecord call = lock(user, callId, own(user))
                .filter(c -> leadId.equals(c.getLeadId()))
                .orElseThrow(() -> ApiException.invalid(field, "is not one of your calls with this lead"));
        write(user, call, content, "app", true);
    }

    @Override
    @Transactional
    public void saveFromLeadNote(CurrentUser user, UUID callId, String content) {
        lock(user, callId, DSL.noCondition()).ifPresent(call -> write(user, call, content, "web", false));
    }

    private Optional<CallLogsRecord> lock(CurrentUser user, UUID callId, Condition scope) {
        return db.selectFrom(CALL_LOGS)
                .where(scope, CALL_LOGS.ORGANIZATION_ID.eq(user.organizationId()), CALL_LOGS.ID.eq(callId))
                .forUpdate()
                .fetchOptional();
    }

    /** {@code toLeadNote}: whether the lead's note for the call is to follow (not when it is the one being edited). */
    private Outcome write(CurrentUser user, CallLogsRecord call, String content, String source, boolean toLeadNote) {
        String text = content.trim();
        if (text.equals(call.getNotes())) {
            return Outcome.UNCHANGED;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.update(CALL_LOGS)
                .set(CALL_LOGS.NOTES, text)
                .set(CALL_LOGS.NOTES_UPDATED_AT, now)
                .set(CALL_LOGS.NOTES_SOURCE, source)
                .where(CALL_LOGS.ORGANIZATION_ID.eq(user.organizationId()), CALL_LOGS.ID.eq(call.getId()))
                .execute();
        audit.record("call_log.notes_updated", "call_log", call.getId(),
                Map.of("notes", Objects.toString(call.getNotes(), "")), Map.of("notes", text, "source", source));
        if (toLeadNote && call.getLeadId() != null) {
            events.publishEvent(new CallNoted(user.organizationId(), call.getId(), call.getLeadId(),
                    call.getUserId(), user.userId(), text, now));
        }
        return Outcome.SAVED;
    }

    private static Condition own(CurrentUser user) {
        return CALL_LOGS.USER_ID.eq(user.userId());
    }
}
