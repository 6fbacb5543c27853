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

    JooqLeadDirectory(DSLContext db) {
        this.db = db;
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
