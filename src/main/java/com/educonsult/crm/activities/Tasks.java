package com.educonsult.crm.activities;

import com.educonsult.crm.platform.db.Totals;
import com.educonsult.crm.platform.Text;

import static com.educonsult.crm.jooq.Tables.TASKS;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.jooq.tables.records.TasksRecord;
import com.educonsult.crm.leads.LeadDirectory;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Things to do, with a due time and an assignee; a follow-up is a task of kind follow_up. A task on a lead is
 * seen by whoever sees the lead; one without a lead by its assignee, its creator and the whole-organization roles.
 */
@Service
public class Tasks {

    /** Task kinds whose completion is a contact with the lead, recorded as an activity of the same type. */
    private static final Set<String> CONTACT_KINDS = Set.of("follow_up", "call", "meeting");

    public record TaskView(UUID id, UUID leadId, UUID noteId, String title, String description, String kind, String status,
            String priority, OffsetDateTime dueAt, boolean overdue, UUID assigneeId, String assigneeName,
            UUID createdBy, OffsetDateTime completedAt, UUID completedBy, String outcome, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
    }

    public record Filter(UUID leadId, UUID assigneeId, String status, String kind, OffsetDateTime dueBefore,
            OffsetDateTime dueAfter, Boolean overdue) {
    }

    private final DSLContext db;
    private final LeadAccess access;
    private final LeadDirectory leads;
    private final UserDirectory users;
    private final Activities activities;
    private final FollowUpSchedule followUps;
    private final ActorNames names;
    private final AuditTrail audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Tasks(DSLContext db, LeadAccess access, LeadDirectory leads, UserDirectory users, Activities activities,
            FollowUpSchedule followUps, ActorNames names, AuditTrail audit, Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.db = db;
        this.access = access;
        this.leads = leads;
        this.users = users;
        this.activities = activities;
        this.followUps = followUps;
        this.names = names;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<TaskView> list(CurrentUser user, Filter filter, PageRequest paging) {
        if (filter.leadId() != null) {
            access.visible(user, filter.leadId());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Condition condition = visible(user).and(DSL.and(
                filter.leadId() == null ? DSL.noCondition() : TASKS.LEAD_ID.eq(filter.leadId()),
                filter.assigneeId() == null ? DSL.noCondition() : TASKS.ASSIGNEE_ID.eq(filter.assigneeId()),
                filter.status() == null ? DSL.noCondition() : TASKS.STATUS.eq(filter.status()),
                filter.kind() == null ? DSL.noCondition() : TASKS.KIND.eq(filter.kind()),
                filter.dueBefore() == null ? DSL.noCondition() : TASKS.DUE_AT.lt(filter.dueBefore()),
                filter.dueAfter() == null ? DSL.noCondition() : TASKS.DUE_AT.ge(filter.dueAfter()),
                filter.overdue() == null ? DSL.noCondition()
                        : filter.overdue() ? overdue(now) : DSL.not(overdue(now))));
        var rows = db.selectFrom(TASKS).where(condition)
                .orderBy(TASKS.DUE_AT.asc().nullsLast(), TASKS.ID)
                .limit(paging.limit()).offset(paging.offset())
                .fetch();
        return paging.page(views(user.organizationId(), rows), Totals.of(db, db.selectOne().from(TASKS)
                .where(condition)));
    }

    @Transactional
    public TaskView create(CurrentUser user, TaskRequests.Create request) {
        if (request.leadId() != null) {
            access.referenced(user, request.leadId(), "lead_id");
        }
        String kind = request.kind() == null ? "task" : request.kind();
        requireDueForFollowUp(kind, request.dueAt());
        UUID assignee = checkedAssignee(user, request.assigneeId() == null ? user.userId() : request.assigneeId());
        UUID id = insert(user.organizationId(), request.leadId(), null, request.title().trim(),
                Text.blankToNull(request.description()), kind, request.priority(), request.dueAt(), assignee,
                user.userId());
        TaskView created = view(user.organizationId(), id);
        audit.record("task.created", "task", id, null, created);
        published(user.organizationId(), created);
        return created;
    }

    @Transactional
    public TaskView update(CurrentUser user, UUID id, TaskRequests.Update request, MergePatch patch) {
        TasksRecord task = findForWriting(user, id);
        TaskView before = view(user.organizationId(), id);
        if (request.title() != null) {
            task.setTitle(request.title().trim());
        }
        patch.applyText("description", request.description(), task::setDescription);
        if (request.kind() != null) {
            task.setKind(request.kind());
        }
        patch.apply("due_at", request.dueAt(), task::setDueAt);
        if (request.priority() != null) {
            task.setPriority(request.priority());
        }
        if (request.assigneeId() != null && !request.assigneeId().equals(task.getAssigneeId())) {
            task.setAssigneeId(checkedAssignee(user, request.assigneeId()));
        } else if (patch.clears("assignee_id")) {
            if (!user.can("leads:assign")) {
                throw ApiException.forbidden("Leaving a task with nobody needs the leads:assign permission");
            }
            task.setAssigneeId(null);
        }
        patch.applyText("outcome", request.outcome(), task::setOutcome);
        requireDueForFollowUp(task.getKind(), task.getDueAt());
        boolean completing = "completed".equals(request.status()) && !"completed".equals(task.getStatus());
        if (request.status() != null) {
            changeStatus(user, task, request.status());
        }
        task.setUpdatedAt(OffsetDateTime.now(clock));
        db.update(TASKS).set(task)
                .where(TASKS.ORGANIZATION_ID.eq(user.organizationId()), TASKS.ID.eq(id))
                .execute();
        if (completing) {
            recordCompletion(user, task);
        }
        followUps.recompute(user.organizationId(), task.getLeadId());
        followUps.recompute(user.organizationId(), before.leadId());
        TaskView after = view(user.organizationId(), id);
        audit.record(completing ? "task.completed" : "task.updated", "task", id, before, after);
        if (completing) {
            events.publishEvent(new ActivityEvents.TaskCompleted(user.organizationId(), id, after.leadId(),
                    after.title(), after.kind(), after.outcome(), after.assigneeId(), after.completedBy(),
                    after.completedAt()));
        }
        return after;
    }

    @Transactional
    void delete(CurrentUser user, UUID id) {
        TasksRecord task = findForWriting(user, id);
        TaskView before = view(user.organizationId(), id);
        db.deleteFrom(TASKS).where(TASKS.ORGANIZATION_ID.eq(user.organizationId()), TASKS.ID.eq(id)).execute();
        followUps.recompute(user.organizationId(), task.getLeadId());
        audit.record("task.deleted", "task", id, before, null);
    }

    /** The follow-up a note's reminder asks for, for the note's author. */
    @Transactional(propagation = Propagation.MANDATORY)
    UUID createReminder(UUID organizationId, UUID leadId, UUID noteId, UUID authorId, String title,
            OffsetDateTime dueAt) {
        UUID id = insert(organizationId, leadId, noteId, title, null, "follow_up", null, dueAt, authorId, authorId);
        TaskView created = view(organizationId, id);
        audit.record("task.created", "task", id, null, created);
        published(organizationId, created);
        return id;
    }

    private void published(UUID organizationId, TaskView task) {
        events.publishEvent(new ActivityEvents.TaskCreated(organizationId, task.id(), task.leadId(), task.title(),
                task.kind(), task.priority(), task.dueAt(), task.assigneeId(), task.createdBy(), task.createdAt()));
    }

    /** Moves the open reminder of a note to a new time, or cancels it when the time is null. */
    @Transactional(propagation = Propagation.MANDATORY)
    void rescheduleReminder(UUID organizationId, UUID leadId, UUID noteId, UUID authorId, String title,
            OffsetDateTime dueAt) {
        int changed = db.update(TASKS)
                .set(TASKS.DUE_AT, dueAt == null ? TASKS.DUE_AT : DSL.val(dueAt))
                .set(TASKS.STATUS, dueAt == null ? "cancelled" : "open")
                .set(TASKS.UPDATED_AT, OffsetDateTime.now(clock))
                .where(TASKS.ORGANIZATION_ID.eq(organizationId), TASKS.NOTE_ID.eq(noteId), TASKS.STATUS.eq("open"))
                .execute();
        if (changed == 0 && dueAt != null) {
            createReminder(organizationId, leadId, noteId, authorId, title, dueAt);
        }
        followUps.recompute(organizationId, leadId);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    Map<UUID, TaskView> views(UUID organizationId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        var rows = db.selectFrom(TASKS).where(TASKS.ORGANIZATION_ID.eq(organizationId), TASKS.ID.in(ids)).fetch();
        return views(organizationId, rows).stream().collect(Collectors.toMap(TaskView::id, Function.identity()));
    }

    /** Moves the tasks of a merged lead to the lead that survives it, and recomputes its next follow-up. */
    @Transactional(propagation = Propagation.MANDATORY)
    int moveLead(UUID organizationId, UUID fromLeadId, UUID toLeadId) {
        int moved = db.update(TASKS).set(TASKS.LEAD_ID, toLeadId)
                .where(TASKS.ORGANIZATION_ID.eq(organizationId), TASKS.LEAD_ID.eq(fromLeadId))
                .execute();
        followUps.recompute(organizationId, toLeadId);
        return moved;
    }

    private UUID insert(UUID organizationId, UUID leadId, UUID noteId, String title, String description, String kind,
            String priority, OffsetDateTime dueAt, UUID assigneeId, UUID createdBy) {
        UUID id = Ids.newId();
        TasksRecord task = db.newRecord(TASKS);
        task.setOrganizationId(organizationId);
        task.setId(id);
        task.setLeadId(leadId);
        task.setNoteId(noteId);
        task.setTitle(title);
        task.setDescription(description);
        task.setKind(kind);
        task.setStatus("open");
        task.setPriority(priority == null ? "medium" : priority);
        task.setDueAt(dueAt);
        task.setAssigneeId(assigneeId);
        task.setCreatedBy(createdBy);
        db.insertInto(TASKS).set(task).execute();
        followUps.recompute(organizationId, leadId);
        return id;
    }

    private void changeStatus(CurrentUser user, TasksRecord task, String status) {
        if ("completed".equals(status) && !"completed".equals(task.getStatus())) {
            task.setCompletedAt(OffsetDateTime.now(clock));
            task.setCompletedBy(user.userId());
        } else if (!"completed".equals(status)) {
            task.setCompletedAt(null);
            task.setCompletedBy(null);
        }
        task.setStatus(status);
    }

    /** A done follow-up, call or meeting is a contact with the lead: it joins the lead's activities. */
    private void recordCompletion(CurrentUser user, TasksRecord task) {
        if (task.getLeadId() == null || !CONTACT_KINDS.contains(task.getKind())) {
            return;
        }
        UUID activityId = activities.record(user.organizationId(), new Activities.Draft(task.getLeadId(),
                user.userId(), task.getKind(), null, task.getTitle(), task.getOutcome(), null, task.getCompletedAt(),
                null, task.getPriority(), "completed", Map.of("task_id", task.getId().toString()), task.getId()));
        audit.record("activity.created", "activity", activityId, null, activities.views(user.organizationId(),
                List.of(activityId)).get(activityId));
        leads.recordContact(user.organizationId(), task.getLeadId(), task.getCompletedAt());
    }

    private UUID checkedAssignee(CurrentUser user, UUID assigneeId) {
        if (!assigneeId.equals(user.userId()) && !user.can("leads:assign")) {
            throw ApiException.forbidden("Assigning a task to someone else needs the leads:assign permission");
        }
        var assignee = users.find(user.organizationId(), assigneeId)
                .orElseThrow(() -> ApiException.invalid("assignee_id", "is not a user of the organization"));
        if (!assignee.active()) {
            throw ApiException.invalid("assignee_id", "is not an active user");
        }
        return assigneeId;
    }

    private static void requireDueForFollowUp(String kind, OffsetDateTime dueAt) {
        if ("follow_up".equals(kind) && dueAt == null) {
            throw ApiException.invalid("due_at", "is required for a follow-up");
        }
    }

    /** The task, after its lead's row is locked (the lead first, as every write to a lead takes its locks). */
    private TasksRecord findForWriting(CurrentUser user, UUID id) {
        TasksRecord task = find(user, id);
        if (task.getLeadId() == null) {
            return task;
        }
        access.lock(user.organizationId(), task.getLeadId());
        return find(user, id);
    }

    private TasksRecord find(CurrentUser user, UUID id) {
        return db.selectFrom(TASKS).where(visible(user), TASKS.ID.eq(id))
                .fetchOptional()
                .orElseThrow(() -> ApiException.notFound("Task"));
    }

    private TaskView view(UUID organizationId, UUID id) {
        return views(organizationId, List.of(id)).get(id);
    }

    private List<TaskView> views(UUID organizationId, List<TasksRecord> rows) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<UUID, String> assignees = names.of(organizationId, rows.stream().map(TasksRecord::getAssigneeId).toList());
        return rows.stream().map(t -> new TaskView(t.getId(), t.getLeadId(), t.getNoteId(), t.getTitle(),
                t.getDescription(), t.getKind(), t.getStatus(), t.getPriority(), Activities.utc(t.getDueAt()),
                "open".equals(t.getStatus()) && t.getDueAt() != null && t.getDueAt().isBefore(now),
                t.getAssigneeId(), assignees.get(t.getAssigneeId()), t.getCreatedBy(), Activities.utc(t.getCompletedAt()),
                t.getCompletedBy(), t.getOutcome(), Activities.utc(t.getCreatedAt()), Activities.utc(t.getUpdatedAt())))
                .toList();
    }

    private static Condition overdue(OffsetDateTime now) {
        return TASKS.STATUS.eq("open").and(TASKS.DUE_AT.lt(now));
    }

    private Condition visible(CurrentUser user) {
        Condition withoutLead = user.dataScope() == DataScope.ALL ? DSL.trueCondition()
                : TASKS.ASSIGNEE_ID.eq(user.userId()).or(TASKS.CREATED_BY.eq(user.userId()));
        return TASKS.ORGANIZATION_ID.eq(user.organizationId()).and(
                TASKS.LEAD_ID.isNotNull().and(access.inScope(user, TASKS.LEAD_ID))
                        .or(TASKS.LEAD_ID.isNull().and(withoutLead)));
    }
}
