package com.educonsult.crm.activities;

import com.educonsult.crm.platform.db.Totals;
import com.educonsult.crm.platform.Text;

import static com.educonsult.crm.jooq.Tables.ACTIVITIES;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.jooq.tables.records.ActivitiesRecord;
import com.educonsult.crm.leads.LeadDirectory;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.db.BulkInsert;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.TableField;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Things that happened with a lead: logged by users, recorded from tasks and from lead events. */
@Service
public class Activities {

    /** Types that mean someone was in touch with the lead. */
    static final Set<String> CONTACT_TYPES = Set.of("call", "email", "meeting", "whatsapp", "sms");

    /** Outcomes of a call that did not reach the person: not a contact. */
    static final Set<String> UNREACHED_OUTCOMES = Set.of("missed", "rejected", "unanswered");

    public record ActivityView(UUID id, UUID leadId, UUID userId, String userName, String activityType, String direction,
            String description, String outcome, Integer durationSeconds, OffsetDateTime occurredAt,
            OffsetDateTime nextFollowUpDate, String priority, String status, Map<String, Object> details,
            UUID taskId, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** An activity as seed 03 shows an interaction. */
    record InteractionView(UUID id, UUID leadId, UUID userId, String userName, String type, String direction,
            String summary, String outcome, Integer durationSeconds, OffsetDateTime occurredAt,
            OffsetDateTime createdAt) {

        static InteractionView of(ActivityView a) {
            return new InteractionView(a.id(), a.leadId(), a.userId(), a.userName(), a.activityType(), a.direction(),
                    a.description(), a.outcome(), a.durationSeconds(), a.occurredAt(), a.createdAt());
        }
    }

    record FollowUpView(@JsonUnwrapped ActivityView activity, long hoursUntilFollowUp, boolean dueToday) {
    }

    /** The filters of the activity lists; null means any. */
    public record Filter(UUID leadId, UUID userId, String type, String priority, String status, OffsetDateTime from,
            OffsetDateTime to) {

        public static Filter none() {
            return new Filter(null, null, null, null, null, null, null);
        }

        Filter forLead(UUID lead) {
            return new Filter(lead, userId, type, priority, status, from, to);
        }

        Filter forUser(UUID user) {
            return new Filter(leadId, user, type, priority, status, from, to);
        }

        Condition condition() {
            return DSL.and(
                    leadId == null ? DSL.noCondition() : ACTIVITIES.LEAD_ID.eq(leadId),
                    userId == null ? DSL.noCondition() : ACTIVITIES.USER_ID.eq(userId),
                    type == null ? DSL.noCondition() : ACTIVITIES.ACTIVITY_TYPE.eq(type),
                    priority == null ? DSL.noCondition() : ACTIVITIES.PRIORITY.eq(priority),
                    status == null ? DSL.noCondition() : ACTIVITIES.STATUS.eq(status),
                    from == null ? DSL.noCondition() : ACTIVITIES.OCCURRED_AT.ge(from),
                    to == null ? DSL.noCondition() : ACTIVITIES.OCCURRED_AT.le(to));
        }
    }

    /** What to record; null fields take the table's defaults. */
    record Draft(UUID leadId, UUID userId, String type, String direction, String description, String outcome,
            Integer durationSeconds, OffsetDateTime occurredAt, OffsetDateTime nextFollowUpDate, String priority,
            String status, Map<String, Object> details, UUID taskId) {

        static Draft of(UUID leadId, UUID userId, String type, String description, Map<String, Object> details) {
            return new Draft(leadId, userId, type, null, description, null, null, null, null, null, null, details,
                    null);
        }
    }

    record TypeCounts(String activityType, int total, int pending, int completed, int cancelled) {
    }

    record Summary(LocalDate from, LocalDate to, String timeZone, int total, Map<String, Integer> byStatus,
            List<TypeCounts> byType, Map<String, Integer> followUps) {
    }

    record BulkResult(int updatedCount, OffsetDateTime nextFollowUpDate) {
    }

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final DSLContext db;
    private final LeadAccess access;
    private final LeadDirectory leads;
    private final UserDirectory users;
    private final Engagement engagement;
    private final ActorNames names;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;

    Activities(DSLContext db, LeadAccess access, LeadDirectory leads, UserDirectory users, Engagement engagement,
            ActorNames names, AuditTrail audit, JsonMapper json, Clock clock) {
        this.db = db;
        this.access = access;
        this.leads = leads;
        this.users = users;
        this.engagement = engagement;
        this.names = names;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    ActivityView log(CurrentUser user, ActivityRequests.Log request) {
        access.referenced(user, request.leadId(), "lead_id");
        return logOnLockedLead(user, request);
    }

    private ActivityView logOnLockedLead(CurrentUser user, ActivityRequests.Log request) {
        UUID id = record(user.organizationId(), new Draft(request.leadId(), user.userId(), request.activityType(),
                request.direction(), request.description().trim(), Text.blankToNull(request.outcome()),
                request.durationSeconds(), request.occurredAt(), request.nextFollowUpDate(), request.priority(),
                request.status(), null, null));
        ActivityView created = view(user.organizationId(), id);
        audit.record("activity.created", "activity", id, null, created);
        return created;
    }

    @Transactional
    InteractionView logInteraction(CurrentUser user, UUID leadId, ActivityRequests.Interaction request) {
        access.forWriting(user, leadId);
        return InteractionView.of(logOnLockedLead(user, new ActivityRequests.Log(leadId, request.type(),
                request.summary(), request.outcome(), request.durationSeconds(), request.occurredAt(), null, null,
                "completed", request.direction() == null ? "outbound" : request.direction())));
    }

    @Transactional(readOnly = true)
    public Page<ActivityView> list(CurrentUser user, Filter filter, PageRequest paging) {
        Condition condition = visible(user).and(filter.condition());
        var rows = db.selectFrom(ACTIVITIES).where(condition)
                .orderBy(ACTIVITIES.OCCURRED_AT.desc(), ACTIVITIES.ID.desc())
                .limit(paging.limit()).offset(paging.offset())
                .fetch();
        return paging.page(views(user.organizationId(), rows), Totals.of(db, db.selectOne().from(ACTIVITIES)
                .where(condition)));
    }

    /** The newest activities the user may see that match the filter, without counting them all (a glance). */
    @Transactional(readOnly = true)
    public List<ActivityView> recent(CurrentUser user, Filter filter, int limit) {
        var rows = db.selectFrom(ACTIVITIES).where(visible(user).and(filter.condition()))
                .orderBy(ACTIVITIES.OCCURRED_AT.desc(), ACTIVITIES.ID.desc())
                .limit(limit)
                .fetch();
        return views(user.organizationId(), rows);
    }

    @Transactional(readOnly = true)
    Page<ActivityView> listForLead(CurrentUser user, UUID leadId, Filter filter, PageRequest paging) {
        access.visible(user, leadId);
        return list(user, filter.forLead(leadId), paging);
    }

    @Transactional(readOnly = true)
    Page<InteractionView> interactions(CurrentUser user, UUID leadId, PageRequest paging) {
        access.visible(user, leadId);
        Condition condition = visible(user).and(ACTIVITIES.LEAD_ID.eq(leadId))
                .and(ACTIVITIES.ACTIVITY_TYPE.in(ActivityRequests.INTERACTION_TYPES.split("\\|")));
        var rows = db.selectFrom(ACTIVITIES).where(condition)
                .orderBy(ACTIVITIES.OCCURRED_AT.desc(), ACTIVITIES.ID.desc())
                .limit(paging.limit()).offset(paging.offset())
                .fetch();
        return paging.page(views(user.organizationId(), rows).stream().map(InteractionView::of).toList(),
                Totals.of(db, db.selectOne().from(ACTIVITIES).where(condition)));
    }

    /**
     * Pending follow-ups, judged by the organization's calendar day: due today or later ({@code overdue} false),
     * or due before today ({@code overdue} true).
     */
    @Transactional(readOnly = true)
    Page<FollowUpView> followUps(CurrentUser user, boolean overdue, String priority, UUID userId, PageRequest paging) {
        ZoneId zone = users.timeZone(user.organizationId());
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime startOfToday = startOfDay(LocalDate.now(clock.withZone(zone)), zone);
        OffsetDateTime startOfTomorrow = startOfDay(LocalDate.now(clock.withZone(zone)).plusDays(1), zone);
        Condition condition = visible(user)
                .and(ACTIVITIES.STATUS.eq("pending"))
                .and(overdue ? ACTIVITIES.NEXT_FOLLOW_UP_DATE.lt(startOfToday)
                        : ACTIVITIES.NEXT_FOLLOW_UP_DATE.ge(startOfToday))
                .and(new Filter(null, userId, null, priority, null, null, null).condition());
        long total = db.fetchCount(ACTIVITIES, condition);
        var rows = db.selectFrom(ACTIVITIES).where(condition)
                .orderBy(ACTIVITIES.NEXT_FOLLOW_UP_DATE, ACTIVITIES.ID)
                .limit(paging.limit()).offset(paging.offset())
                .fetch();
        var items = views(user.organizationId(), rows).stream()
                .map(a -> new FollowUpView(a, Duration.between(now, a.nextFollowUpDate()).toHours(),
                        !a.nextFollowUpDate().isBefore(startOfToday) && a.nextFollowUpDate().isBefore(startOfTomorrow)))
                .toList();
        return paging.page(items, total);
    }

    /** Counts by type and status of the activities that happened between two days of the organization's calendar. */
    @Transactional(readOnly = true)
    Summary summary(CurrentUser user, LocalDate from, LocalDate to) {
        ZoneId zone = users.timeZone(user.organizationId());
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate last = to == null ? today : to;
        LocalDate first = from == null ? last.minusDays(29) : from;
        if (first.isAfter(last)) {
            throw ApiException.invalid("from", "must not be after to");
        }
        Condition period = visible(user)
                .and(ACTIVITIES.OCCURRED_AT.ge(startOfDay(first, zone)))
                .and(ACTIVITIES.OCCURRED_AT.lt(startOfDay(last.plusDays(1), zone)));
        var byType = db.select(ACTIVITIES.ACTIVITY_TYPE, DSL.count(),
                        DSL.count().filterWhere(ACTIVITIES.STATUS.eq("pending")),
                        DSL.count().filterWhere(ACTIVITIES.STATUS.eq("completed")),
                        DSL.count().filterWhere(ACTIVITIES.STATUS.eq("cancelled")))
                .from(ACTIVITIES).where(period)
                .groupBy(ACTIVITIES.ACTIVITY_TYPE).orderBy(ACTIVITIES.ACTIVITY_TYPE)
                .fetch(r -> new TypeCounts(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        byStatus.put("pending", byType.stream().mapToInt(TypeCounts::pending).sum());
        byStatus.put("completed", byType.stream().mapToInt(TypeCounts::completed).sum());
        byStatus.put("cancelled", byType.stream().mapToInt(TypeCounts::cancelled).sum());
        OffsetDateTime startOfToday = startOfDay(today, zone);
        var followUps = db.select(DSL.count(),
                        DSL.count().filterWhere(ACTIVITIES.NEXT_FOLLOW_UP_DATE.lt(startOfToday)),
                        DSL.count().filterWhere(ACTIVITIES.NEXT_FOLLOW_UP_DATE.ge(startOfToday)
                                .and(ACTIVITIES.NEXT_FOLLOW_UP_DATE.lt(startOfDay(today.plusDays(1), zone)))))
                .from(ACTIVITIES)
                .where(visible(user), ACTIVITIES.STATUS.eq("pending"), ACTIVITIES.NEXT_FOLLOW_UP_DATE.isNotNull())
                .fetchOne();
        Map<String, Integer> followUpCounts = new LinkedHashMap<>();
        followUpCounts.put("pending", followUps.value1());
        followUpCounts.put("overdue", followUps.value2());
        followUpCounts.put("due_today", followUps.value3());
        return new Summary(first, last, zone.getId(), byType.stream().mapToInt(TypeCounts::total).sum(), byStatus,
                byType, followUpCounts);
    }

    @Transactional
    ActivityView updateStatus(CurrentUser user, ActivityRequests.UpdateStatus request) {
        ActivitiesRecord activity = find(user, request.activityId());
        access.lock(user.organizationId(), activity.getLeadId());
        ActivityView before = view(user.organizationId(), activity.getId());
        activity.setStatus(request.status());
        if (request.notes() != null && !request.notes().isBlank()) {
            activity.setOutcome(request.notes().trim());
        }
        ActivityView after = save(user.organizationId(), activity);
        audit.record("activity.status_changed", "activity", activity.getId(), before, after);
        afterInteraction(user.organizationId(), activity);
        return after;
    }

    @Transactional
    ActivityView updateFollowUp(CurrentUser user, ActivityRequests.UpdateFollowUp request) {
        ActivitiesRecord activity = find(user, request.activityId());
        ActivityView before = view(user.organizationId(), activity.getId());
        activity.setNextFollowUpDate(request.nextFollowUpDate());
        ActivityView after = save(user.organizationId(), activity);
        audit.record("activity.follow_up_changed", "activity", activity.getId(), before, after);
        return after;
    }

    /** Moves the follow-up of every listed activity, or of none when one is unknown or out of scope. */
    @Transactional
    BulkResult bulkUpdateFollowUps(CurrentUser user, ActivityRequests.BulkUpdateFollowUps request) {
        Set<UUID> ids = new LinkedHashSet<>(request.activityIds());
        var found = db.selectFrom(ACTIVITIES).where(visible(user), ACTIVITIES.ID.in(ids)).fetch();
        if (found.size() != ids.size()) {
            throw ApiException.notFound("Activity");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        int updated = db.update(ACTIVITIES)
                .set(ACTIVITIES.NEXT_FOLLOW_UP_DATE, request.nextFollowUpDate())
                .set(ACTIVITIES.UPDATED_AT, now)
                .where(ACTIVITIES.ORGANIZATION_ID.eq(user.organizationId()), ACTIVITIES.ID.in(ids))
                .execute();
        for (ActivitiesRecord activity : found) {
            audit.record("activity.follow_up_changed", "activity", activity.getId(),
                    Map.of("next_follow_up_date", String.valueOf(activity.getNextFollowUpDate())),
                    Map.of("next_follow_up_date", request.nextFollowUpDate().toString()));
        }
        return new BulkResult(updated, request.nextFollowUpDate());
    }

    /** Records an activity in the caller's transaction, then updates the lead's contact and engagement. */
    @Transactional(propagation = Propagation.MANDATORY)
    UUID record(UUID organizationId, Draft draft) {
        ActivitiesRecord activity = newActivity(organizationId, draft);
        db.insertInto(ACTIVITIES).set(activity).execute();
        afterInteraction(organizationId, activity);
        return activity.getId();
    }

    /** The same, answering the activity as stored (the row the insert returns, not read again). */
    @Transactional(propagation = Propagation.MANDATORY)
    ActivityView recordAndView(UUID organizationId, Draft draft) {
        ActivitiesRecord activity = db.insertInto(ACTIVITIES).set(newActivity(organizationId, draft))
                .returning().fetchSingle();
        afterInteraction(organizationId, activity);
        return views(organizationId, List.of(activity)).getFirst();
    }

    private ActivitiesRecord newActivity(UUID organizationId, Draft draft) {
        UUID id = Ids.newId();
        ActivitiesRecord activity = db.newRecord(ACTIVITIES);
        activity.setOrganizationId(organizationId);
        activity.setId(id);
        activity.setLeadId(draft.leadId());
        activity.setUserId(draft.userId());
        activity.setActivityType(draft.type());
        activity.setDirection(draft.direction());
        activity.setDescription(draft.description());
        activity.setOutcome(draft.outcome());
        activity.setDurationSeconds(draft.durationSeconds());
        activity.setOccurredAt(draft.occurredAt() == null ? OffsetDateTime.now(clock) : draft.occurredAt());
        activity.setNextFollowUpDate(draft.nextFollowUpDate());
        activity.setPriority(draft.priority() == null ? "medium" : draft.priority());
        activity.setStatus(draft.status() == null ? "completed" : draft.status());
        activity.setDetails(JSONB.valueOf(json.writeValueAsString(draft.details() == null ? Map.of() : draft.details())));
        activity.setTaskId(draft.taskId());
        return activity;
    }

    /**
     * Records synced calls in one statement. Unlike {@link #record}, it leaves the leads' last contact and
     * engagement to the caller: the calls module keeps the contact with the call statistics, and
     * {@link CallActivityRecorder} writes the engagement just before commit.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<UUID> recordCalls(UUID organizationId, List<Draft> drafts) {
        return recordAll(organizationId, drafts);
    }

    /** Records activities in one statement, leaving the leads' contact and engagement as they are. */
    @Transactional(propagation = Propagation.MANDATORY)
    List<UUID> recordAll(UUID organizationId, List<Draft> drafts) {
        List<ActivitiesRecord> rows = drafts.stream().map(draft -> newActivity(organizationId, draft)).toList();
        List<TableField<ActivitiesRecord, ?>> columns = List.of(ACTIVITIES.ORGANIZATION_ID, ACTIVITIES.ID,
                ACTIVITIES.LEAD_ID, ACTIVITIES.USER_ID, ACTIVITIES.ACTIVITY_TYPE, ACTIVITIES.DIRECTION,
                ACTIVITIES.DESCRIPTION, ACTIVITIES.OUTCOME, ACTIVITIES.DURATION_SECONDS, ACTIVITIES.OCCURRED_AT,
                ACTIVITIES.NEXT_FOLLOW_UP_DATE, ACTIVITIES.PRIORITY, ACTIVITIES.STATUS, ACTIVITIES.DETAILS,
                ACTIVITIES.TASK_ID);
        BulkInsert.rows(db, ACTIVITIES, columns, rows.stream()
                .map(row -> columns.stream().map(row::get).toArray()).toList()).execute();
        return rows.stream().map(ActivitiesRecord::getId).toList();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    Map<UUID, ActivityView> views(UUID organizationId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        var rows = db.selectFrom(ACTIVITIES)
                .where(ACTIVITIES.ORGANIZATION_ID.eq(organizationId), ACTIVITIES.ID.in(ids)).fetch();
        return views(organizationId, rows).stream().collect(Collectors.toMap(ActivityView::id, Function.identity()));
    }

    /** Moves the activities of a merged lead to the lead that survives it. */
    @Transactional(propagation = Propagation.MANDATORY)
    int moveLead(UUID organizationId, UUID fromLeadId, UUID toLeadId) {
        int moved = db.update(ACTIVITIES).set(ACTIVITIES.LEAD_ID, toLeadId)
                .where(ACTIVITIES.ORGANIZATION_ID.eq(organizationId), ACTIVITIES.LEAD_ID.eq(fromLeadId))
                .execute();
        engagement.recompute(organizationId, toLeadId);
        return moved;
    }

    private void afterInteraction(UUID organizationId, ActivitiesRecord activity) {
        if (CONTACT_TYPES.contains(activity.getActivityType()) && !"cancelled".equals(activity.getStatus())
                && (activity.getOutcome() == null || !UNREACHED_OUTCOMES.contains(activity.getOutcome()))) {
            leads.recordContact(organizationId, activity.getLeadId(), activity.getOccurredAt());
        }
        if (EngagementRule.INTERACTION_TYPES.contains(activity.getActivityType())) {
            engagement.recompute(organizationId, activity.getLeadId());
        }
    }

    private ActivitiesRecord find(CurrentUser user, UUID id) {
        return db.selectFrom(ACTIVITIES).where(visible(user), ACTIVITIES.ID.eq(id))
                .fetchOptional()
                .orElseThrow(() -> ApiException.notFound("Activity"));
    }

    private ActivityView save(UUID organizationId, ActivitiesRecord activity) {
        activity.setUpdatedAt(OffsetDateTime.now(clock));
        db.update(ACTIVITIES).set(activity)
                .where(ACTIVITIES.ORGANIZATION_ID.eq(organizationId), ACTIVITIES.ID.eq(activity.getId()))
                .execute();
        return view(organizationId, activity.getId());
    }

    private ActivityView view(UUID organizationId, UUID id) {
        return views(organizationId, List.of(id)).get(id);
    }

    private List<ActivityView> views(UUID organizationId, List<ActivitiesRecord> rows) {
        Map<UUID, String> actorNames = names.of(organizationId, rows.stream().map(ActivitiesRecord::getUserId).toList());
        return rows.stream().map(a -> new ActivityView(a.getId(), a.getLeadId(), a.getUserId(),
                actorNames.get(a.getUserId()), a.getActivityType(), a.getDirection(), a.getDescription(),
                a.getOutcome(), a.getDurationSeconds(), utc(a.getOccurredAt()), utc(a.getNextFollowUpDate()),
                a.getPriority(), a.getStatus(), json.readValue(a.getDetails().data(), MAP), a.getTaskId(),
                utc(a.getCreatedAt()), utc(a.getUpdatedAt()))).toList();
    }

    private Condition visible(CurrentUser user) {
        return ACTIVITIES.ORGANIZATION_ID.eq(user.organizationId())
                .and(access.inScope(user, ACTIVITIES.LEAD_ID));
    }

    static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static OffsetDateTime startOfDay(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toOffsetDateTime();
    }

}
