package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.LEAD_STAGES;
import static com.educonsult.crm.jooq.Tables.LEAD_STATUSES;

import com.educonsult.crm.jooq.tables.records.LeadStagesRecord;
import com.educonsult.crm.platform.Ids;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A lead's stays in its statuses. Exactly one stage of a live lead is open; callers hold the lead's row lock
 * (or change many leads in one statement) so that two changes never open two stages.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class Stages {

    private final DSLContext db;
    private final Clock clock;

    Stages(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    UUID open(UUID organizationId, UUID leadId, LeadStatus status, UUID byUserId, String notes, String nextAction) {
        return open(organizationId, leadId, status, byUserId, notes, nextAction, now());
    }

    /**
     * Opens the stage as of {@code now}. A lead whose {@code status_entered_at} already says so (a new lead) is not
     * written again by the stage's trigger.
     */
    UUID open(UUID organizationId, UUID leadId, LeadStatus status, UUID byUserId, String notes, String nextAction,
            OffsetDateTime now) {
        UUID id = Ids.newId();
        db.insertInto(LEAD_STAGES)
                .set(LEAD_STAGES.ORGANIZATION_ID, organizationId)
                .set(LEAD_STAGES.ID, id)
                .set(LEAD_STAGES.LEAD_ID, leadId)
                .set(LEAD_STAGES.STATUS_ID, status.id())
                .set(LEAD_STAGES.ENTERED_AT, now)
                .set(LEAD_STAGES.SLA_DUE_AT, status.slaHours() == null ? null : now.plusHours(status.slaHours()))
                .set(LEAD_STAGES.CHANGED_BY, byUserId)
                .set(LEAD_STAGES.NOTES, notes)
                .set(LEAD_STAGES.NEXT_ACTION, nextAction)
                .execute();
        return id;
    }

    void closeOpen(UUID organizationId, UUID leadId) {
        OffsetDateTime now = now();
        db.update(LEAD_STAGES)
                .set(LEAD_STAGES.EXITED_AT, now)
                .set(LEAD_STAGES.DURATION_SECONDS, duration(now))
                .where(LEAD_STAGES.ORGANIZATION_ID.eq(organizationId), LEAD_STAGES.LEAD_ID.eq(leadId),
                        LEAD_STAGES.EXITED_AT.isNull())
                .execute();
    }

    /** Moves every lead of one status to another in three statements: close stages, open stages, set status. */
    int moveAll(UUID organizationId, UUID fromStatusId, UUID toStatusId, UUID byUserId, String notes) {
        OffsetDateTime now = now();
        var leadsInStatus = DSL.select(LEADS.ID).from(LEADS)
                .where(LEADS.ORGANIZATION_ID.eq(organizationId), LEADS.STATUS_ID.eq(fromStatusId));
        db.update(LEAD_STAGES)
                .set(LEAD_STAGES.EXITED_AT, now)
                .set(LEAD_STAGES.DURATION_SECONDS, duration(now))
                .where(LEAD_STAGES.ORGANIZATION_ID.eq(organizationId), LEAD_STAGES.EXITED_AT.isNull(),
                        LEAD_STAGES.LEAD_ID.in(leadsInStatus))
                .execute();
        Integer slaHours = db.select(LEAD_STATUSES.SLA_HOURS)
                .from(LEAD_STATUSES)
                .where(LEAD_STATUSES.ORGANIZATION_ID.eq(organizationId),
                        LEAD_STATUSES.ID.eq(toStatusId))
                .fetchOne(0, Integer.class);
        db.insertInto(LEAD_STAGES, LEAD_STAGES.ORGANIZATION_ID, LEAD_STAGES.LEAD_ID, LEAD_STAGES.STATUS_ID,
                        LEAD_STAGES.ENTERED_AT, LEAD_STAGES.SLA_DUE_AT, LEAD_STAGES.CHANGED_BY, LEAD_STAGES.NOTES)
                .select(DSL.select(LEADS.ORGANIZATION_ID, LEADS.ID, DSL.val(toStatusId), DSL.val(now),
                                DSL.val(slaHours == null ? null : now.plusHours(slaHours)), DSL.val(byUserId),
                                DSL.val(notes))
                        .from(LEADS)
                        .where(LEADS.ORGANIZATION_ID.eq(organizationId), LEADS.STATUS_ID.eq(fromStatusId)))
                .execute();
        return db.update(LEADS).set(LEADS.STATUS_ID, toStatusId).set(LEADS.UPDATED_AT, now)
                .where(LEADS.ORGANIZATION_ID.eq(organizationId), LEADS.STATUS_ID.eq(fromStatusId))
                .execute();
    }

    /** Gives the lead's stages to another lead (merging); the open stage of the merged lead is closed first. */
    void moveToLead(UUID organizationId, UUID fromLeadId, UUID toLeadId) {
        closeOpen(organizationId, fromLeadId);
        db.update(LEAD_STAGES).set(LEAD_STAGES.LEAD_ID, toLeadId)
                .where(LEAD_STAGES.ORGANIZATION_ID.eq(organizationId), LEAD_STAGES.LEAD_ID.eq(fromLeadId))
                .execute();
    }

    List<LeadStagesRecord> history(UUID organizationId, UUID leadId) {
        return db.selectFrom(LEAD_STAGES)
                .where(LEAD_STAGES.ORGANIZATION_ID.eq(organizationId), LEAD_STAGES.LEAD_ID.eq(leadId))
                .orderBy(LEAD_STAGES.ENTERED_AT, LEAD_STAGES.ID)
                .fetch();
    }

    Optional<LeadStagesRecord> current(UUID organizationId, UUID leadId) {
        return db.selectFrom(LEAD_STAGES)
                .where(LEAD_STAGES.ORGANIZATION_ID.eq(organizationId), LEAD_STAGES.LEAD_ID.eq(leadId),
                        LEAD_STAGES.EXITED_AT.isNull())
                .fetchOptional();
    }

    Optional<LeadStagesRecord> find(UUID organizationId, UUID stageId) {
        return db.selectFrom(LEAD_STAGES)
                .where(LEAD_STAGES.ORGANIZATION_ID.eq(organizationId), LEAD_STAGES.ID.eq(stageId))
                .fetchOptional();
    }

    void updateNotes(UUID organizationId, UUID stageId, String notes, String nextAction) {
        var update = db.update(LEAD_STAGES).set(LEAD_STAGES.ID, LEAD_STAGES.ID);
        if (notes != null) {
            update = update.set(LEAD_STAGES.NOTES, notes.isBlank() ? null : notes);
        }
        if (nextAction != null) {
            update = update.set(LEAD_STAGES.NEXT_ACTION, nextAction.isBlank() ? null : nextAction);
        }
        update.where(LEAD_STAGES.ORGANIZATION_ID.eq(organizationId), LEAD_STAGES.ID.eq(stageId)).execute();
    }

    private static org.jooq.Field<Long> duration(OffsetDateTime until) {
        return DSL.field("greatest(0, extract(epoch from ({0} - {1})))::bigint", Long.class, DSL.val(until),
                LEAD_STAGES.ENTERED_AT);
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
