package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;

import com.educonsult.crm.platform.security.CurrentUser;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
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
    public Condition visibleLead(CurrentUser user, org.jooq.Field<UUID> leadIdColumn) {
        return leadIdColumn.in(DSL.select(LEADS.ID).from(LEADS).where(LeadScope.visibleAndLive(user)));
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

    @Override
    public void setEngagement(UUID organizationId, UUID leadId, String engagement) {
        db.update(LEADS)
                .set(LEADS.ENGAGEMENT, engagement)
                .where(LEADS.ORGANIZATION_ID.eq(organizationId), LEADS.ID.eq(leadId),
                        LEADS.ENGAGEMENT.ne(engagement))
                .execute();
    }

    // Calls: matching synced calls to leads and keeping the leads' call statistics.

    @Override
    public java.util.Map<String, UUID> findByPhones(UUID organizationId, java.util.Collection<String> e164) {
        java.util.Map<String, UUID> found = new java.util.HashMap<>();
        if (e164.isEmpty()) {
            return found;
        }
        java.util.Set<String> wanted = new java.util.HashSet<>(e164);
        db.select(LEADS.ID, LEADS.PHONE, LEADS.SECONDARY_PHONE).from(LEADS)
                .where(LEADS.ORGANIZATION_ID.eq(organizationId), LeadScope.notDeleted(),
                        LEADS.PHONE.in(wanted).or(LEADS.SECONDARY_PHONE.in(wanted)))
                .orderBy(LEADS.CREATED_AT, LEADS.ID)
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
    public void addCallStatistics(UUID organizationId, UUID leadId, int calls, int attempts, int lastDuration,
            OffsetDateTime lastCallAt, OffsetDateTime lastContactAt) {
        db.update(LEADS)
                .set(LEADS.TOTAL_CALLS, LEADS.TOTAL_CALLS.plus(calls))
                .set(LEADS.TOTAL_ATTEMPTS, LEADS.TOTAL_ATTEMPTS.plus(attempts))
                .set(LEADS.LAST_CALL_DURATION, DSL.when(LEADS.LAST_CALL_AT.isNull().or(LEADS.LAST_CALL_AT.lt(lastCallAt)),
                        DSL.val(lastDuration)).otherwise(LEADS.LAST_CALL_DURATION))
                .set(LEADS.LAST_CALL_AT, DSL.greatest(DSL.coalesce(LEADS.LAST_CALL_AT, lastCallAt), DSL.val(lastCallAt)))
                .set(LEADS.LAST_CONTACT_DATE, lastContactAt == null ? LEADS.LAST_CONTACT_DATE
                        : DSL.greatest(DSL.coalesce(LEADS.LAST_CONTACT_DATE, lastContactAt), DSL.val(lastContactAt)))
                .where(LEADS.ORGANIZATION_ID.eq(organizationId), LEADS.ID.eq(leadId))
                .execute();
    }

    private Optional<LeadSummary> summary(Condition condition) {
        return db.select(LEADS.ID, LEADS.ORGANIZATION_ID, LEADS.FIRST_NAME, LEADS.LAST_NAME, LEADS.PHONE,
                        LEADS.EMAIL, LEADS.ASSIGNED_TO, LEADS.BRANCH_ID, LEADS.STATUS_ID, LEADS.NEXT_FOLLOW_UP_DATE)
                .from(LEADS).where(condition)
                .fetchOptional(JooqLeadDirectory::toSummary);
    }

    private static LeadSummary toSummary(Record r) {
        return new LeadSummary(r.get(LEADS.ID), r.get(LEADS.ORGANIZATION_ID), r.get(LEADS.FIRST_NAME),
                r.get(LEADS.LAST_NAME), r.get(LEADS.PHONE), r.get(LEADS.EMAIL), r.get(LEADS.ASSIGNED_TO),
                r.get(LEADS.BRANCH_ID), r.get(LEADS.STATUS_ID), r.get(LEADS.NEXT_FOLLOW_UP_DATE));
    }
}
