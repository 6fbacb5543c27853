package com.educonsult.crm.leads;

import com.educonsult.crm.platform.Text;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.LEAD_ASSIGNMENTS;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.leads.AssignmentViews.AssignmentView;
import com.educonsult.crm.leads.AssignmentViews.CurrentAssignment;
import com.educonsult.crm.leads.AssignmentViews.UserRef;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who owns a lead: assign, reassign and unassign by hand, and the history of every change. Each change writes
 * a history row, sets the lead's owner, publishes {@link LeadEvents.LeadAssigned} and is audited, in one
 * transaction. Bulk and automatic assignment make their changes through {@link #apply}.
 */
@Service
class Assignments {

    static final String ASSIGN_PERMISSION = "leads:assign";

    /** One change of owner; {@code byUserId} null means the system (automatic assignment). */
    record Change(UUID organizationId, UUID leadId, UUID previousUserId, UUID assigneeId, UUID byUserId,
            String action, String strategy, String reason, String notes) {
    }

    record HistoryFilter(UUID userId, UUID assignedBy, String action, OffsetDateTime from, OffsetDateTime to) {
    }

    /** The lead's full name, as {@link LeadSummary#fullName()} spells it, in SQL. */
    static final Field<String> LEAD_NAME = DSL.concat(LEADS.FIRST_NAME,
            DSL.when(LEADS.LAST_NAME.isNull().or(LEADS.LAST_NAME.eq("")), DSL.inline(""))
                    .otherwise(DSL.concat(DSL.inline(" "), LEADS.LAST_NAME))).as("lead_name");

    private final DSLContext db;
    private final UserDirectory users;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Assignments(DSLContext db, UserDirectory users, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.db = db;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    AssignmentView assign(CurrentUser actor, AssignmentRequests.Assign request) {
        checkMayAssignTo(actor, request.assignedTo());
        Record lead = lockVisible(actor, request.leadId());
        UUID current = lead.get(LEADS.ASSIGNED_TO);
        if (current != null) {
            throw ApiException.conflict("lead_id",
                    "is already assigned: use POST /api/v1/assignments/reassign to change its owner");
        }
        checkedAssignee(actor, request.assignedTo(), "assigned_to");
        return view(apply(new Change(actor.organizationId(), request.leadId(), null, request.assignedTo(),
                actor.userId(), "assign", null, request.reason(), request.notes())), lead.get(LEAD_NAME));
    }

    @Transactional
    AssignmentView reassign(CurrentUser actor, AssignmentRequests.Assign request) {
        checkMayAssignTo(actor, request.assignedTo());
        Record lead = lockVisible(actor, request.leadId());
        UUID current = lead.get(LEADS.ASSIGNED_TO);
        if (current == null) {
            throw ApiException.conflict("lead_id", "is not assigned: use POST /api/v1/assignments/assign");
        }
        if (current.equals(request.assignedTo())) {
            throw ApiException.invalid("assigned_to", "already owns the lead");
        }
        checkedAssignee(actor, request.assignedTo(), "assigned_to");
        return view(apply(new Change(actor.organizationId(), request.leadId(), current, request.assignedTo(),
                actor.userId(), "reassign", null, request.reason(), request.notes())), lead.get(LEAD_NAME));
    }

    @Transactional
    AssignmentView unassign(CurrentUser actor, AssignmentRequests.Unassign request) {
        if (!actor.can(ASSIGN_PERMISSION)) {
            throw ApiException.forbidden("Unassigning a lead needs the permission " + ASSIGN_PERMISSION);
        }
        Record lead = lockVisible(actor, request.leadId());
        UUID current = lead.get(LEADS.ASSIGNED_TO);
        if (current == null) {
            throw ApiException.conflict("lead_id", "is not assigned");
        }
        return view(apply(new Change(actor.organizationId(), request.leadId(), current, null, actor.userId(),
                "unassign", null, request.reason(), request.notes())), lead.get(LEAD_NAME));
    }

    @Transactional(readOnly = true)
    CurrentAssignment current(CurrentUser actor, UUID leadId) {
        Record lead = db.select(LEADS.ID, LEADS.ASSIGNED_TO, LEADS.ASSIGNED_AT, LEAD_NAME).from(LEADS)
                .where(LeadScope.visibleAndLive(actor), LEADS.ID.eq(leadId))
                .fetchOptional().orElseThrow(() -> ApiException.notFound("Lead"));
        UUID assignee = lead.get(LEADS.ASSIGNED_TO);
        Record latest = assignee == null ? null : db.select(LEAD_ASSIGNMENTS.ASSIGNED_BY, LEAD_ASSIGNMENTS.REASON)
                .from(LEAD_ASSIGNMENTS)
                .where(LEAD_ASSIGNMENTS.ORGANIZATION_ID.eq(actor.organizationId()),
                        LEAD_ASSIGNMENTS.LEAD_ID.eq(leadId), LEAD_ASSIGNMENTS.ASSIGNED_TO.eq(assignee))
                .orderBy(LEAD_ASSIGNMENTS.CREATED_AT.desc(), LEAD_ASSIGNMENTS.ID.desc())
                .limit(1).fetchOne();
        UUID by = latest == null ? null : latest.get(LEAD_ASSIGNMENTS.ASSIGNED_BY);
        Map<UUID, UserSummary> named = users.findAll(actor.organizationId(), nonNull(assignee, by));
        return new CurrentAssignment(leadId, lead.get(LEAD_NAME), UserRef.of(assignee, named),
                lead.get(LEADS.ASSIGNED_AT), UserRef.of(by, named),
                latest == null ? null : latest.get(LEAD_ASSIGNMENTS.REASON));
    }

    @Transactional(readOnly = true)
    List<AssignmentView> history(CurrentUser actor, UUID leadId) {
        if (!db.fetchExists(LEADS, LeadScope.visibleAndLive(actor).and(LEADS.ID.eq(leadId)))) {
            throw ApiException.notFound("Lead");
        }
        return views(actor.organizationId(), historyQuery(actor)
                .where(LEAD_ASSIGNMENTS.LEAD_ID.eq(leadId))
                .orderBy(LEAD_ASSIGNMENTS.CREATED_AT, LEAD_ASSIGNMENTS.ID)
                .fetch());
    }

    /** The organization's history within the caller's scope, newest first. */
    @Transactional(readOnly = true)
    Page<AssignmentView> list(CurrentUser actor, HistoryFilter filter, PageRequest paging) {
        Condition condition = DSL.and(
                filter.userId() == null ? DSL.noCondition()
                        : LEAD_ASSIGNMENTS.ASSIGNED_TO.eq(filter.userId())
                                .or(LEAD_ASSIGNMENTS.PREVIOUS_USER_ID.eq(filter.userId())),
                filter.assignedBy() == null ? DSL.noCondition() : LEAD_ASSIGNMENTS.ASSIGNED_BY.eq(filter.assignedBy()),
                filter.action() == null ? DSL.noCondition() : LEAD_ASSIGNMENTS.ACTION.eq(filter.action()),
                filter.from() == null ? DSL.noCondition() : LEAD_ASSIGNMENTS.CREATED_AT.ge(filter.from()),
                filter.to() == null ? DSL.noCondition() : LEAD_ASSIGNMENTS.CREATED_AT.lt(filter.to()));
        return page(actor, condition, paging);
    }

    /** The changes that gave the caller the leads they own now, newest first. */
    @Transactional(readOnly = true)
    Page<AssignmentView> mine(CurrentUser actor, PageRequest paging) {
        return page(actor, LEADS.ASSIGNED_TO.eq(actor.userId()).and(LEAD_ASSIGNMENTS.ASSIGNED_TO.eq(actor.userId())),
                paging);
    }

    /** Writes one change: history row, the lead's owner, the event and the audit entry. */
    @Transactional(propagation = Propagation.MANDATORY)
    Record apply(Change change) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Record row = db.insertInto(LEAD_ASSIGNMENTS)
                .set(LEAD_ASSIGNMENTS.ORGANIZATION_ID, change.organizationId())
                .set(LEAD_ASSIGNMENTS.ID, Ids.newId())
                .set(LEAD_ASSIGNMENTS.LEAD_ID, change.leadId())
                .set(LEAD_ASSIGNMENTS.ACTION, change.action())
                .set(LEAD_ASSIGNMENTS.ASSIGNED_TO, change.assigneeId())
                .set(LEAD_ASSIGNMENTS.PREVIOUS_USER_ID, change.previousUserId())
                .set(LEAD_ASSIGNMENTS.ASSIGNED_BY, change.byUserId())
                .set(LEAD_ASSIGNMENTS.STRATEGY, change.strategy())
                .set(LEAD_ASSIGNMENTS.REASON, Text.blankToNull(change.reason()))
                .set(LEAD_ASSIGNMENTS.NOTES, Text.blankToNull(change.notes()))
                .set(LEAD_ASSIGNMENTS.CREATED_AT, now)
                .returning()
                .fetchSingle();
        db.update(LEADS)
                .set(LEADS.ASSIGNED_TO, change.assigneeId())
                .set(LEADS.ASSIGNED_AT, change.assigneeId() == null ? null : now)
                .set(LEADS.UPDATED_AT, now)
                .where(LEADS.ORGANIZATION_ID.eq(change.organizationId()), LEADS.ID.eq(change.leadId()))
                .execute();
        events.publishEvent(new LeadEvents.LeadAssigned(change.organizationId(), change.leadId(),
                change.previousUserId(), change.assigneeId(), change.byUserId(), change.action(), change.reason()));
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("assigned_to", change.previousUserId());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("assigned_to", change.assigneeId());
        after.put("action", change.action());
        after.put("strategy", change.strategy());
        after.put("reason", change.reason());
        if (change.byUserId() == null) {
            audit.recordBy(null, "lead.assignment." + change.action(), "lead", change.leadId(), before, after);
        } else {
            audit.record("lead.assignment." + change.action(), "lead", change.leadId(), before, after);
        }
        return row;
    }

    /**
     * Writes many changes of leads nobody locks yet (new leads) in a few statements: the history rows, the owners, the
     * audit entries and one {@link LeadEvents.LeadsAssigned} for all.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void applyAll(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        UUID organizationId = changes.getFirst().organizationId();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<org.jooq.TableField<com.educonsult.crm.jooq.tables.records.LeadAssignmentsRecord, ?>> columns = List.of(
                LEAD_ASSIGNMENTS.ORGANIZATION_ID, LEAD_ASSIGNMENTS.ID, LEAD_ASSIGNMENTS.LEAD_ID, LEAD_ASSIGNMENTS.ACTION,
                LEAD_ASSIGNMENTS.ASSIGNED_TO, LEAD_ASSIGNMENTS.PREVIOUS_USER_ID, LEAD_ASSIGNMENTS.ASSIGNED_BY,
                LEAD_ASSIGNMENTS.STRATEGY, LEAD_ASSIGNMENTS.REASON, LEAD_ASSIGNMENTS.NOTES, LEAD_ASSIGNMENTS.CREATED_AT);
        com.educonsult.crm.platform.db.BulkInsert.rows(db, LEAD_ASSIGNMENTS, columns, changes.stream()
                .map(c -> new Object[] {c.organizationId(), Ids.newId(), c.leadId(), c.action(), c.assigneeId(),
                        c.previousUserId(), c.byUserId(), c.strategy(), Text.blankToNull(c.reason()),
                        Text.blankToNull(c.notes()), now})
                .toList()).execute();
        db.execute("""
                update leads set assigned_to = v.assignee, assigned_at = now(), updated_at = now()
                from unnest({0}, {1}) as v(lead_id, assignee)
                where leads.organization_id = {2} and leads.id = v.lead_id""",
                DSL.val(changes.stream().map(Change::leadId).toArray(UUID[]::new)),
                DSL.val(changes.stream().map(Change::assigneeId).toArray(UUID[]::new)), DSL.val(organizationId));
        changes.stream().collect(java.util.stream.Collectors.groupingBy(
                        c -> java.util.Arrays.asList(c.byUserId(), c.action()), java.util.LinkedHashMap::new,
                        java.util.stream.Collectors.toList()))
                .forEach((by, group) -> audit.recordAll(group.getFirst().byUserId(),
                        "lead.assignment." + group.getFirst().action(), "lead", group.stream()
                                .map(c -> new AuditTrail.Entry(c.leadId(), Map.of(), assignmentAfter(c))).toList()));
        events.publishEvent(new LeadEvents.LeadsAssigned(organizationId, changes.stream()
                .map(c -> new LeadEvents.LeadAssigned(c.organizationId(), c.leadId(), c.previousUserId(),
                        c.assigneeId(), c.byUserId(), c.action(), c.reason()))
                .toList()));
    }

    private static Map<String, Object> assignmentAfter(Change change) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("assigned_to", change.assigneeId());
        after.put("action", change.action());
        after.put("strategy", change.strategy());
        after.put("reason", change.reason());
        return after;
    }

    /** Only a holder of {@code leads:assign} may give a lead to someone other than themself. */
    static void checkMayAssignTo(CurrentUser actor, UUID assignee) {
        if (!actor.userId().equals(assignee) && !actor.can(ASSIGN_PERMISSION)) {
            throw ApiException.forbidden("Assigning a lead to someone else needs the permission " + ASSIGN_PERMISSION);
        }
    }

    /** The assignee: an active user of the organization and, for a branch-scoped caller, of their branch. */
    UserSummary checkedAssignee(CurrentUser actor, UUID userId, String field) {
        UserSummary user = users.find(actor.organizationId(), userId).filter(UserSummary::active)
                .orElseThrow(() -> ApiException.invalid(field, "must be an active user of the organization"));
        if (actor.dataScope() == DataScope.BRANCH && !user.id().equals(actor.userId())
                && (actor.branchId() == null || !actor.branchId().equals(user.branchId()))) {
            throw ApiException.invalid(field, "must be a user of your branch");
        }
        return user;
    }

    private Record lockVisible(CurrentUser actor, UUID leadId) {
        return db.select(LEADS.ID, LEADS.ASSIGNED_TO, LEADS.BRANCH_ID, LEAD_NAME).from(LEADS)
                .where(LeadScope.visibleAndLive(actor), LEADS.ID.eq(leadId))
                .forNoKeyUpdate().of(LEADS)
                .fetchOptional().orElseThrow(() -> ApiException.notFound("Lead"));
    }

    private Page<AssignmentView> page(CurrentUser actor, Condition condition, PageRequest paging) {
        long total = db.fetchCount(historyQuery(actor).where(condition));
        List<Record> rows = historyQuery(actor).where(condition)
                .orderBy(LEAD_ASSIGNMENTS.CREATED_AT.desc(), LEAD_ASSIGNMENTS.ID.desc())
                .limit(paging.limit()).offset(paging.offset())
                .fetch();
        return paging.page(views(actor.organizationId(), rows), total);
    }

    /** History rows joined to their leads, limited to the leads the caller may see. */
    private SelectOnConditionStep<Record> historyQuery(CurrentUser actor) {
        return db.select(LEAD_ASSIGNMENTS.fields()).select(LEAD_NAME)
                .from(LEAD_ASSIGNMENTS)
                .join(LEADS).on(LEADS.ORGANIZATION_ID.eq(LEAD_ASSIGNMENTS.ORGANIZATION_ID),
                        LEADS.ID.eq(LEAD_ASSIGNMENTS.LEAD_ID), LeadScope.visibleAndLive(actor));
    }

    private List<AssignmentView> views(UUID organizationId, List<Record> rows) {
        Set<UUID> ids = new HashSet<>();
        rows.forEach(r -> ids.addAll(nonNull(r.get(LEAD_ASSIGNMENTS.ASSIGNED_TO),
                r.get(LEAD_ASSIGNMENTS.PREVIOUS_USER_ID), r.get(LEAD_ASSIGNMENTS.ASSIGNED_BY))));
        Map<UUID, UserSummary> named = users.findAll(organizationId, ids);
        return rows.stream().map(r -> view(r, r.get(LEAD_NAME), named)).toList();
    }

    AssignmentView view(Record row, String leadName) {
        Map<UUID, UserSummary> named = users.findAll(row.get(LEAD_ASSIGNMENTS.ORGANIZATION_ID),
                nonNull(row.get(LEAD_ASSIGNMENTS.ASSIGNED_TO), row.get(LEAD_ASSIGNMENTS.PREVIOUS_USER_ID),
                        row.get(LEAD_ASSIGNMENTS.ASSIGNED_BY)));
        return view(row, leadName, named);
    }

    private static AssignmentView view(Record r, String leadName, Map<UUID, UserSummary> named) {
        return new AssignmentView(r.get(LEAD_ASSIGNMENTS.ID), r.get(LEAD_ASSIGNMENTS.LEAD_ID), leadName,
                r.get(LEAD_ASSIGNMENTS.ACTION), UserRef.of(r.get(LEAD_ASSIGNMENTS.ASSIGNED_TO), named),
                UserRef.of(r.get(LEAD_ASSIGNMENTS.PREVIOUS_USER_ID), named),
                UserRef.of(r.get(LEAD_ASSIGNMENTS.ASSIGNED_BY), named), r.get(LEAD_ASSIGNMENTS.STRATEGY),
                r.get(LEAD_ASSIGNMENTS.REASON), r.get(LEAD_ASSIGNMENTS.NOTES), r.get(LEAD_ASSIGNMENTS.CREATED_AT));
    }

    private static Set<UUID> nonNull(UUID... ids) {
        Set<UUID> set = new HashSet<>();
        Stream.of(ids).filter(Objects::nonNull).forEach(set::add);
        return set;
    }

}
