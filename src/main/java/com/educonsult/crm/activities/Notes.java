package com.educonsult.crm.activities;

import static com.educonsult.crm.jooq.Tables.NOTES;

import com.educonsult.crm.calls.CallNotes;
import com.educonsult.crm.jooq.tables.records.NotesRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.live.LiveEvent;
import com.educonsult.crm.platform.live.LiveEvents;
import com.educonsult.crm.leads.LeadSummary;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Free text on a lead. A private note is seen only by its author and admins; only they may change or delete a
 * note. A note with a reminder gives its author a follow-up task at that time.
 */
@Service
public class Notes {

    public record NoteView(UUID id, UUID leadId, UUID authorId, String authorName, String type, String content,
            String priority, boolean isPrivate, List<String> tags, OffsetDateTime reminderAt, UUID callId,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    private final DSLContext db;
    private final LeadAccess access;
    private final LiveEvents live;
    private final Tasks tasks;
    private final ActorNames names;
    private final AuditTrail audit;
    private final Clock clock;
    private final CallNotes callNotes;
    private final ApplicationEventPublisher events;

    Notes(DSLContext db, LeadAccess access, Tasks tasks, ActorNames names, AuditTrail audit, Clock clock,
            LiveEvents live, CallNotes callNotes, ApplicationEventPublisher events) {
        this.events = events;
        this.live = live;
        this.callNotes = callNotes;
        this.db = db;
        this.access = access;
        this.tasks = tasks;
        this.names = names;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    Page<NoteView> list(CurrentUser user, UUID leadId, String type, PageRequest paging) {
        access.visible(user, leadId);
        return page(user, NOTES.LEAD_ID.eq(leadId).and(type == null ? DSL.noCondition() : NOTES.TYPE.eq(type)),
                paging);
    }

    /** The latest notes on the leads the user may see. */
    @Transactional(readOnly = true)
    Page<NoteView> recent(CurrentUser user, PageRequest paging) {
        return page(user, DSL.noCondition(), paging);
    }

    @Transactional
    public NoteView create(CurrentUser user, UUID leadId, NoteRequests.Create request) {
        LeadSummary lead = access.forWriting(user, leadId);
        UUID id = Ids.newId();
        NotesRecord note = db.newRecord(NOTES);
        note.setOrganizationId(user.organizationId());
        note.setId(id);
        note.setLeadId(leadId);
        note.setAuthorId(user.userId());
        note.setType(request.type() == null ? "general" : request.type());
        note.setContent(request.content().trim());
        note.setPriority(request.priority() == null ? "medium" : request.priority());
        note.setIsPrivate(Boolean.TRUE.equals(request.isPrivate()));
        note.setTags(tags(request.tags()));
        note.setReminderAt(request.reminderAt());
        db.insertInto(NOTES).set(note).execute();
        if (request.reminderAt() != null) {
            tasks.createReminder(user.organizationId(), leadId, id, user.userId(), reminderTitle(note),
                    request.reminderAt());
        }
        NoteView created = view(user.organizationId(), id);
        audit.record("note.created", "note", id, null, created);
        published(user.organizationId(), created);
        if (!created.isPrivate()) {
            announce(user, lead, created);
        }
        return created;
    }

    private void published(UUID organizationId, NoteView note) {
        events.publishEvent(new ActivityEvents.NoteCreated(organizationId, note.id(), note.leadId(), note.authorId(),
                note.type(), note.content(), note.priority(), note.isPrivate(), note.callId(), note.createdAt()));
    }

    /** Tells the users watching the lead live (sent when the transaction commits). */
    private void announce(CurrentUser user, LeadSummary lead, NoteView note) {
        java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("id", note.id());
        data.put("lead_id", lead.id());
        data.put("lead_name", lead.fullName());
        data.put("author_id", note.authorId());
        data.put("author_name", note.authorName());
        data.put("type", note.type());
        live.publish(new LiveEvent(user.organizationId(), "note.added", "leads:read",
                new LiveEvent.Audience(lead.assignedTo(), lead.branchId()), data));
    }

    @Transactional
    NoteView update(CurrentUser user, UUID id, NoteRequests.Update request, MergePatch patch) {
        NotesRecord note = findChangeable(user, id);
        NoteView before = view(user.organizationId(), id);
        if (request.type() != null) {
            note.setType(request.type());
        }
        if (request.content() != null) {
            note.setContent(request.content().trim());
        }
        if (request.priority() != null) {
            note.setPriority(request.priority());
        }
        if (request.isPrivate() != null) {
            note.setIsPrivate(request.isPrivate());
        }
        patch.apply("tags", request.tags(), given -> note.setTags(tags(given == null ? List.of() : given)));
        boolean clear = Boolean.TRUE.equals(request.clearReminder()) || patch.clears("reminder_at");
        boolean reschedule = clear || request.reminderAt() != null;
        if (reschedule) {
            note.setReminderAt(clear ? null : request.reminderAt());
        }
        note.setUpdatedAt(OffsetDateTime.now(clock));
        if (note.getCallId() != null && !note.getContent().equals(before.content())) {
            callNotes.saveFromLeadNote(user, note.getCallId(), note.getContent());
        }
        db.update(NOTES).set(note)
                .where(NOTES.ORGANIZATION_ID.eq(user.organizationId()), NOTES.ID.eq(id))
                .execute();
        if (reschedule) {
            tasks.rescheduleReminder(user.organizationId(), note.getLeadId(), id, note.getAuthorId(),
                    reminderTitle(note), note.getReminderAt());
        }
        NoteView after = view(user.organizationId(), id);
        audit.record("note.updated", "note", id, before, after);
        return after;
    }

    @Transactional
    void delete(CurrentUser user, UUID id) {
        NotesRecord note = findChangeable(user, id);
        NoteView before = view(user.organizationId(), id);
        tasks.rescheduleReminder(user.organizationId(), note.getLeadId(), id, note.getAuthorId(), null, null);
        db.deleteFrom(NOTES).where(NOTES.ORGANIZATION_ID.eq(user.organizationId()), NOTES.ID.eq(id)).execute();
        audit.record("note.deleted", "note", id, before, null);
    }

    /**
     * The lead's note for a call, written when the call's note is (from the phone or the console): one note per
     * call, created by the call's user, changed in place when the call's note changes.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    UUID saveCallNote(UUID organizationId, UUID leadId, UUID callId, UUID authorId, UUID byUserId, String content) {
        NotesRecord existing = db.selectFrom(NOTES)
                .where(NOTES.ORGANIZATION_ID.eq(organizationId), NOTES.CALL_ID.eq(callId))
                .forUpdate()
                .fetchOne();
        if (existing == null) {
            UUID id = Ids.newId();
            db.insertInto(NOTES)
                    .set(NOTES.ORGANIZATION_ID, organizationId)
                    .set(NOTES.ID, id)
                    .set(NOTES.LEAD_ID, leadId)
                    .set(NOTES.AUTHOR_ID, authorId)
                    .set(NOTES.TYPE, "call")
                    .set(NOTES.CONTENT, content)
                    .set(NOTES.CALL_ID, callId)
                    .execute();
            NoteView created = view(organizationId, id);
            audit.recordBy(byUserId, "note.created", "note", id, null, created);
            published(organizationId, created);
            return id;
        }
        if (!content.equals(existing.getContent())) {
            NoteView before = view(organizationId, existing.getId());
            db.update(NOTES).set(NOTES.CONTENT, content).set(NOTES.UPDATED_AT, OffsetDateTime.now(clock))
                    .where(NOTES.ORGANIZATION_ID.eq(organizationId), NOTES.ID.eq(existing.getId()))
                    .execute();
            audit.recordBy(byUserId, "note.updated", "note", existing.getId(), before,
                    view(organizationId, existing.getId()));
        }
        return existing.getId();
    }

    /** The lead's note for a call, when the call has one. */
    @Transactional(propagation = Propagation.MANDATORY)
    java.util.Optional<NoteView> ofCall(UUID organizationId, UUID callId) {
        return db.select(NOTES.ID).from(NOTES)
                .where(NOTES.ORGANIZATION_ID.eq(organizationId), NOTES.CALL_ID.eq(callId))
                .fetchOptional(NOTES.ID)
                .map(id -> view(organizationId, id));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    Map<UUID, NoteView> views(UUID organizationId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        var rows = db.selectFrom(NOTES).where(NOTES.ORGANIZATION_ID.eq(organizationId), NOTES.ID.in(ids)).fetch();
        return views(organizationId, rows).stream().collect(Collectors.toMap(NoteView::id, Function.identity()));
    }

    /** Moves the notes of a merged lead to the lead that survives it. */
    @Transactional(propagation = Propagation.MANDATORY)
    int moveLead(UUID organizationId, UUID fromLeadId, UUID toLeadId) {
        return db.update(NOTES).set(NOTES.LEAD_ID, toLeadId)
                .where(NOTES.ORGANIZATION_ID.eq(organizationId), NOTES.LEAD_ID.eq(fromLeadId))
                .execute();
    }

    /** Notes the user may read: on a lead in scope, and not someone else's private note unless an admin. */
    Condition readableBy(CurrentUser user) {
        Condition privacy = user.isAdmin() ? DSL.noCondition()
                : NOTES.IS_PRIVATE.isFalse().or(NOTES.AUTHOR_ID.eq(user.userId()));
        return NOTES.ORGANIZATION_ID.eq(user.organizationId())
                .and(access.inScope(user, NOTES.LEAD_ID))
                .and(privacy);
    }

    private Page<NoteView> page(CurrentUser user, Condition filter, PageRequest paging) {
        Condition condition = readableBy(user).and(filter);
        long total = db.fetchCount(NOTES, condition);
        var rows = db.selectFrom(NOTES).where(condition)
                .orderBy(NOTES.CREATED_AT.desc(), NOTES.ID.desc())
                .limit(paging.limit()).offset(paging.offset())
                .fetch();
        return paging.page(views(user.organizationId(), rows), total);
    }

    /** A note the user may read; changing it is for its author or an admin. */
    private NotesRecord findChangeable(CurrentUser user, UUID id) {
        NotesRecord note = db.selectFrom(NOTES).where(readableBy(user), NOTES.ID.eq(id))
                .fetchOptional()
                .orElseThrow(() -> ApiException.notFound("Note"));
        if (!user.isAdmin() && !user.userId().equals(note.getAuthorId())) {
            throw ApiException.forbidden("Only the author of a note or an admin may change it");
        }
        access.lock(user.organizationId(), note.getLeadId());
        return note;
    }

    private NoteView view(UUID organizationId, UUID id) {
        return views(organizationId, List.of(id)).get(id);
    }

    private List<NoteView> views(UUID organizationId, List<NotesRecord> rows) {
        Map<UUID, String> authors = names.of(organizationId, rows.stream().map(NotesRecord::getAuthorId).toList());
        return rows.stream().map(n -> new NoteView(n.getId(), n.getLeadId(), n.getAuthorId(),
                authors.get(n.getAuthorId()), n.getType(), n.getContent(), n.getPriority(), n.getIsPrivate(),
                List.of(n.getTags()), Activities.utc(n.getReminderAt()), n.getCallId(), Activities.utc(n.getCreatedAt()),
                Activities.utc(n.getUpdatedAt()))).toList();
    }

    private static String[] tags(List<String> tags) {
        return tags == null ? new String[0] : tags.stream().map(String::trim).distinct().toArray(String[]::new);
    }

    private static String reminderTitle(NotesRecord note) {
        String content = note.getContent();
        return "Follow up: " + (content.length() > 80 ? content.substring(0, 80) + "…" : content);
    }
}
