package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;

import com.educonsult.crm.platform.security.CurrentUser;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Component
@Transactional(propagation = Propagation.MANDATORY)
class JooqLeadDirectory implements LeadDirectory {

    private final DSLContext db;
    private final StatusChanges statusChanges;

    JooqLeadDirectory(DSLContext db, StatusChanges statusChanges) {
        this.db = db;
        this.statusChanges = statusChanges;
    }

    @Override
    public Optional<LeadSummary> findVisible(CurrentUser user, UUID leadId) {
        return summary(LeadScope.visibleAndLive(user).and(LEADS.ID.eq(leadId)));
    }

    @Override
    public Map<UUID, LeadSummary> findAllVisible(CurrentUser user, java.util.Collection<UUID> leadIds) {
        List<UUID> ids = leadIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, LeadSummary> found = new java.util.LinkedHashMap<>();
        summaryQuery(LeadScope.visibleAndLive(user).and(LEADS.ID.in(ids)))
                .forEach(r -> found.put(r.get(LEADS.ID), toSummary(r)));
        return found;
    }

    @Override
    public Optional<LeadSummary> lockVisible(CurrentUser user, UUID leadId) {
        return summaryQuery(LeadScope.visibleAndLive(user).and(LEADS.ID.eq(leadId))).forNoKeyUpdate().of(LEADS)
                .fetchOptional(JooqLeadDirectory::toSummary);
    }

    @Override
    public void lock(UUID organizationId, UUID leadId) {
        if (leadId != null) {
            db.select(LEADS.ID).from(LEADS).where(LEADS.ORGANIZATION_ID.eq(organizationId), LEADS.ID.eq(leadId))
                    .forNoKeyUpdate().fetch();
        }
    }

    @Override
    public Condition visibleLead(CurrentUser user, org.jooq.Field<UUID> leadIdColumn) {
        if (user.dataScope() == com.educonsult.crm.platform.security.DataScope.ALL) {
            // every lead of the organization but the deleted ones: an anti-join on the few deleted leads (V21's
            // partial index), not a join on every live lead
            return DSL.notExists(DSL.selectOne().from(LEADS).where(LEADS.ORGANIZATION_ID.eq(user.organizationId()),
                    LEADS.ID.eq(leadIdColumn), LEADS.DELETED_AT.isNotNull()));
        }
        // a correlated lookup by primary key per row: an IN over a branch's several hundred thousand leads is
        // planned as a subplan scanned again for every row once it no longer fits in memory as a hash
        return DSL.exists(DSL.selectOne().from(LEADS).where(LEADS.ORGANIZATION_ID.eq(user.organizationId()),
                LEADS.ID.eq(leadIdColumn), LeadScope.visibleAndLive(user)));
    }

    @Override
    public Optional<LeadSummary> find(UUID organizationId, UUID leadId) {
        return summary(LEADS.ORGANIZATION_ID.eq(organizationId).and(LEADS.ID.eq(leadId)).and(LeadScope.notDeleted()));
    }

    @Override
    public void changeStatus(CurrentUser user, UUID leadId, UUID statusId, String notes) {
        statusChanges.change(user, leadId, statusId, null, notes, null);
    }

    @Override
    public void setNextFollowUp(UUID organizationId, UUID leadId, OffsetDateTime nextFollowUp, String reminderNote) {
        db.update(LEADS)
                .set(LEADS.NEXT_FOLLOW_UP_DATE, nextFollowUp)
                .set(LEADS.REMINDER_NOTE, reminderNote)
                .set(LEADS.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(LEADS.ORGANIZATION_ID.eq(organizationId), LEADS.ID.eq(leadId))
                .execute();
    }

    @Override
    public void recordContact(UUID organizationId, UUID leadId, OffsetDateTime at) {
        db.update(LEADS)
                .set(LEADS.LAST_CONTACT_DATE, DSL.greatest(DSL.coalesce(LEADS.LAST_CONTACT_DATE, at), DSL.val(at)))
                .where(LEADS.ORGANIZATION_ID.eq(organizationId), LEADS.ID.eq(leadId))
                .execute();
    }

    @Override
    public java.util.List<UUID> withEngagementCreatedBefore(UUID organizationId, String engagement,
            OffsetDateTime cutoff) {
        return db.select(LEADS.ID).from(LEADS)
                .where(LEADS.ORGANIZATION_ID.eq(organizationId), LeadScope.notDeleted(),
                        LEADS.ENGAGEMENT.eq(engagement), LEADS.CREATED_AT.lt(cutoff))
                .fetch(LEADS.ID);
    }

    // Calls: matching synced calls to leads and keeping the leads' call statistics.

    @Override
    public java.util.Map<String, UUID> findByPhones(UUID organizationId, java.util.Collection<String> e164) {
        java.util.Map<String, UUID> found = new java.util.HashMap<>();
        if (e164.isEmpty()) {
            return found;
        }
        java.util.Set<String> wanted = new java.util.HashSet<>(e164);
        String[] numbers = wanted.toArray(String[]::new);
        // one index probe per number on each phone column (an OR of the two would scan the table)
        db.select(LEADS.ID, LEADS.PHONE, LEADS.SECONDARY_PHONE, LEADS.CREATED_AT).from(LEADS)
                .where(LEADS.ORGANIZATION_ID.eq(organizationId), LeadScope.notDeleted(),
                        LEADS.PHONE.eq(DSL.any(numbers)))
                .unionAll(DSL.select(LEADS.ID, LEADS.PHONE, LEADS.SECONDARY_PHONE, LEADS.CREATED_AT).from(LEADS)
                        .where(LEADS.ORGANIZATION_ID.eq(organizationId), LeadScope.notDeleted(),
                                LEADS.SECONDARY_PHONE.isNotNull(), LEADS.SECONDARY_PHONE.eq(DSL.any(numbers))))
                .orderBy(DSL.field(LEADS.CREATED_AT.getUnqualifiedName()), DSL.field(LEADS.ID.getUnqualifiedName()))
                .forEach(r -> {
                    if (wanted.contains(r.get(LEADS.PHONE))) {
                        found.putIfAbsent(r.get(LEADS.PHONE), r.get(LEADS.ID));
                    }
                    if (wanted.contains(r.get(LEADS.SECONDARY_PHONE))) {
                        found.putIfAbsent(r.get(LEADS.SECONDARY_PHONE), r.get(LEADS.ID));
                    }
                });
        return found;
    }

    @Override
    public void addCallStatistics(UUID organizationId, java.util.Collection<CallStatistics> perLead) {
        if (perLead.isEmpty()) {
            return;
        }
        List<CallStatistics> rows = perLead.stream().sorted(java.util.Comparator.comparing(CallStatistics::leadId))
                .toList();
        UUID[] ids = rows.stream().map(CallStatistics::leadId).toArray(UUID[]::new);
        Map<UUID, String> engagement = PendingEngagement.take(organizationId, List.of(ids));
        // The subquery locks every lead before any is changed, in id order, so concurrent batches over overlapping
        // leads queue instead of deadlocking; it carries each lead's figures, so the update joins nothing else.
        // (No-key locks: inserts referring to the leads are not blocked.)
        db.execute("""
                update leads l set
                    total_calls = l.total_calls + v.calls,
                    total_attempts = l.total_attempts + v.attempts,
                    last_call_duration = case when l.last_call_at is null or l.last_call_at < v.last_call_at
                        then v.last_duration else l.last_call_duration end,
                    last_call_at = greatest(l.last_call_at, v.last_call_at),
                    last_contact_date = greatest(l.last_contact_date, v.last_contact_at),
                    engagement = coalesce(v.engagement, l.engagement)
                from (select leads.id, batch.* from leads
                        join unnest({0}, {1}, {2}, {3}, {4}, {5}, {7})
                            as batch(lead_id, calls, attempts, last_duration, last_call_at, last_contact_at,
                                engagement)
                            on leads.id = batch.lead_id
                        where leads.organization_id = {6}
                        order by leads.id for no key update of leads) as v
                where l.organization_id = {6} and l.id = v.id""",
                DSL.val(ids, SQLDataType.UUID.array()),
                DSL.val(rows.stream().map(CallStatistics::calls).toArray(Integer[]::new), SQLDataType.INTEGER.array()),
                DSL.val(rows.stream().map(CallStatistics::attempts).toArray(Integer[]::new),
                        SQLDataType.INTEGER.array()),
                DSL.val(rows.stream().map(CallStatistics::lastDuration).toArray(Integer[]::new),
                        SQLDataType.INTEGER.array()),
                DSL.val(rows.stream().map(CallStatistics::lastCallAt).toArray(OffsetDateTime[]::new),
                        SQLDataType.TIMESTAMPWITHTIMEZONE.array()),
                DSL.val(rows.stream().map(CallStatistics::lastContactAt).toArray(OffsetDateTime[]::new),
                        SQLDataType.TIMESTAMPWITHTIMEZONE.array()),
                DSL.val(organizationId),
                DSL.val(rows.stream().map(row -> engagement.get(row.leadId())).toArray(String[]::new),
                        SQLDataType.VARCHAR.array()));
    }

    @Override
    public void setEngagementsAtCommit(UUID organizationId, Map<UUID, String> engagementByLead) {
        if (!PendingEngagement.defer(organizationId, engagementByLead,
                leftover -> setEngagements(organizationId, leftover))) {
            setEngagements(organizationId, engagementByLead);
        }
    }

    @Override
    public void setEngagements(UUID organizationId, java.util.Map<UUID, String> engagementByLead) {
        if (engagementByLead.isEmpty()) {
            return;
        }
        List<UUID> ids = engagementByLead.keySet().stream().sorted().toList();
        // only the leads whose engagement changes are locked (in id order) and written
        db.execute("""
                update leads l set engagement = changed.engagement
                from (select leads.id, v.engagement from leads
                        join unnest({0}, {1}) as v(lead_id, engagement) on leads.id = v.lead_id
                        where leads.organization_id = {2} and leads.engagement <> v.engagement
                        order by leads.id for no key update of leads) as changed
                where l.organization_id = {2} and l.id = changed.id""",
                DSL.val(ids.toArray(UUID[]::new), SQLDataType.UUID.array()),
                DSL.val(ids.stream().map(engagementByLead::get).toArray(String[]::new), SQLDataType.VARCHAR.array()),
                DSL.val(organizationId));
    }

    private Optional<LeadSummary> summary(Condition condition) {
        return summaryQuery(condition).fetchOptional(JooqLeadDirectory::toSummary);
    }

    private org.jooq.SelectConditionStep<Record> summaryQuery(Condition condition) {
        return db.select(List.<org.jooq.SelectField<?>>of(LEADS.ID, LEADS.ORGANIZATION_ID, LEADS.FIRST_NAME,
                        LEADS.LAST_NAME, LEADS.PHONE, LEADS.EMAIL, LEADS.ASSIGNED_TO, LEADS.BRANCH_ID, LEADS.STATUS_ID,
                        LEADS.NEXT_FOLLOW_UP_DATE))
                .from(LEADS).where(condition);
    }

    private static LeadSummary toSummary(Record r) {
        return new LeadSummary(r.get(LEADS.ID), r.get(LEADS.ORGANIZATION_ID), r.get(LEADS.FIRST_NAME),
                r.get(LEADS.LAST_NAME), r.get(LEADS.PHONE), r.get(LEADS.EMAIL), r.get(LEADS.ASSIGNED_TO),
                r.get(LEADS.BRANCH_ID), r.get(LEADS.STATUS_ID), r.get(LEADS.NEXT_FOLLOW_UP_DATE));
    }
}
