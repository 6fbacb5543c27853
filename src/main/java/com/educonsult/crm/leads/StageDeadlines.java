package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.LEAD_STAGES;
import static com.educonsult.crm.jooq.Tables.LEAD_STATUSES;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The stages whose deadline (the status's SLA) passed while the lead is still in them, for notifications. Read by
 * deadline through an index of the open stages, a short range at a time. Callers run inside a transaction of the
 * organization.
 */
@Component
public class StageDeadlines {

    /** A lead still in a status whose deadline passed. */
    public record Breach(UUID stageId, UUID leadId, String leadName, UUID statusId, String status,
            OffsetDateTime slaDueAt, UUID assignedTo, UUID branchId) {
    }

    private final DSLContext db;

    StageDeadlines(DSLContext db) {
        this.db = db;
    }

    /** Open stages of leads not deleted whose deadline is after {@code after} and at or before {@code upTo}. */
    public List<Breach> breachedBetween(UUID organizationId, OffsetDateTime after, OffsetDateTime upTo, int limit) {
        return db.select(LEAD_STAGES.ID, LEAD_STAGES.LEAD_ID, LEADS.FIRST_NAME, LEADS.LAST_NAME, LEAD_STAGES.STATUS_ID,
                        LEAD_STATUSES.NAME, LEAD_STAGES.SLA_DUE_AT, LEADS.ASSIGNED_TO, LEADS.BRANCH_ID)
                .from(LEAD_STAGES)
                .join(LEADS).on(LEADS.ORGANIZATION_ID.eq(LEAD_STAGES.ORGANIZATION_ID), LEADS.ID.eq(LEAD_STAGES.LEAD_ID))
                .join(LEAD_STATUSES).on(LEAD_STATUSES.ORGANIZATION_ID.eq(LEAD_STAGES.ORGANIZATION_ID),
                        LEAD_STATUSES.ID.eq(LEAD_STAGES.STATUS_ID))
                .where(LEAD_STAGES.ORGANIZATION_ID.eq(organizationId), LEAD_STAGES.EXITED_AT.isNull(),
                        LEAD_STAGES.SLA_DUE_AT.isNotNull(), LEAD_STAGES.SLA_DUE_AT.gt(after),
                        LEAD_STAGES.SLA_DUE_AT.le(upTo), LEADS.DELETED_AT.isNull())
                .orderBy(LEAD_STAGES.SLA_DUE_AT, LEAD_STAGES.ID)
                .limit(limit)
                .fetch(r -> new Breach(r.value1(), r.value2(),
                        r.value4() == null || r.value4().isBlank() ? r.value3() : r.value3() + " " + r.value4(),
                        r.value5(), r.value6(), r.value7(), r.value8(), r.value9()));
    }
}
