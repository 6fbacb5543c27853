package com.educonsult.crm.activities;

import static com.educonsult.crm.jooq.Tables.TASKS;

import com.educonsult.crm.leads.LeadDirectory;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Keeps a lead's next follow-up equal to the due time of its earliest open follow-up task. */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class FollowUpSchedule {

    private final DSLContext db;
    private final LeadDirectory leads;

    FollowUpSchedule(DSLContext db, LeadDirectory leads) {
        this.db = db;
        this.leads = leads;
    }

    void recompute(UUID organizationId, UUID leadId) {
        if (leadId == null) {
            return;
        }
        var next = db.select(TASKS.DUE_AT, TASKS.TITLE).from(TASKS)
                .where(TASKS.ORGANIZATION_ID.eq(organizationId), TASKS.LEAD_ID.eq(leadId), TASKS.KIND.eq("follow_up"),
                        TASKS.STATUS.eq("open"), TASKS.DUE_AT.isNotNull())
                .orderBy(TASKS.DUE_AT, TASKS.ID)
                .limit(1)
                .fetchOptional();
        leads.setNextFollowUp(organizationId, leadId, next.map(r -> r.value1()).orElse(null),
                next.map(r -> r.value2()).orElse(null));
    }
}
