package com.educonsult.crm.activities;

import static com.educonsult.crm.jooq.Tables.ACTIVITIES;

import com.educonsult.crm.leads.LeadDirectory;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Applies {@link EngagementRule} to leads from their completed interactions, and tells the leads module. */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class Engagement {

    private final DSLContext db;
    private final LeadDirectory leads;
    private final Clock clock;

    Engagement(DSLContext db, LeadDirectory leads, Clock clock) {
        this.db = db;
        this.leads = leads;
        this.clock = clock;
    }

    /** Recomputes one lead, after an interaction was recorded, changed or moved. */
    void recompute(UUID organizationId, UUID leadId) {
        recompute(organizationId, java.util.List.of(leadId));
    }

    /** Recomputes several leads with one query and one update. */
    void recompute(UUID organizationId, java.util.Collection<UUID> leadIds) {
        leads.setEngagements(organizationId, decide(organizationId, leadIds));
    }

    /** The engagement the leads have now, from their interactions, with one query. */
    java.util.Map<UUID, String> decide(UUID organizationId, java.util.Collection<UUID> leadIds) {
        if (leadIds.isEmpty()) {
            return java.util.Map.of();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        var counts = db.select(ACTIVITIES.LEAD_ID, recent(now, EngagementRule.HOT_WINDOW.toDays()),
                        recent(now, EngagementRule.INACTIVE_AFTER.toDays()))
                .from(ACTIVITIES)
                .where(ACTIVITIES.ORGANIZATION_ID.eq(organizationId),
                        ACTIVITIES.LEAD_ID.eq(DSL.any(leadIds.toArray(UUID[]::new))), interaction())
                .groupBy(ACTIVITIES.LEAD_ID)
                .fetchMap(ACTIVITIES.LEAD_ID);
        java.util.Map<UUID, String> engagement = new java.util.HashMap<>();
        for (UUID leadId : leadIds) {
            var row = counts.get(leadId);
            var interactions = row == null ? new EngagementRule.Interactions(0, 0, false)
                    : new EngagementRule.Interactions(row.value2(), row.value3(), true);
            engagement.put(leadId, EngagementRule.decide(interactions, null, now));
        }
        return engagement;
    }

    /** Stores decided engagement by the end of the transaction, with the leads' call statistics where it can. */
    void applyAtCommit(UUID organizationId, java.util.Map<UUID, String> engagementByLead) {
        leads.setEngagementsAtCommit(organizationId, engagementByLead);
    }

    /**
     * The leads whose engagement time alone may change: every lead with interactions (hot turns active, active
     * turns inactive) and the leads never interacted with that are older than the inactivity window.
     */
    java.util.List<UUID> leadsToRecompute(UUID organizationId) {
        OffsetDateTime cutoff = OffsetDateTime.now(clock).minus(EngagementRule.INACTIVE_AFTER);
        java.util.Set<UUID> ids = new java.util.TreeSet<>(db.selectDistinct(ACTIVITIES.LEAD_ID).from(ACTIVITIES)
                .where(ACTIVITIES.ORGANIZATION_ID.eq(organizationId), interaction())
                .fetch(ACTIVITIES.LEAD_ID));
        ids.addAll(leads.withEngagementCreatedBefore(organizationId, "new", cutoff));
        return java.util.List.copyOf(ids);
    }

    private static Condition interaction() {
        return ACTIVITIES.ACTIVITY_TYPE.in(EngagementRule.INTERACTION_TYPES).and(ACTIVITIES.STATUS.eq("completed"));
    }

    private static Field<Integer> recent(OffsetDateTime now, long days) {
        return DSL.count().filterWhere(ACTIVITIES.OCCURRED_AT.gt(now.minusDays(days)));
    }
}
