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
                .where(ACTIVITIES.ORGANIZATION_ID.eq(organizationId), ACTIVITIES.LEAD_ID.eq(DSL.any(leadIds.toArray(UUID[]::new))), interaction())
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
     * Recomputes every lead of the organization that has interactions (time alone moves them from hot to active
     * and to inactive), and turns leads never interacted with inactive once they are older than the inactivity
     * window; returns how many leads were looked at.
     */
    int recomputeOrganization(UUID organizationId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        var rows = db.select(ACTIVITIES.LEAD_ID, recent(now, EngagementRule.HOT_WINDOW.toDays()),
                        recent(now, EngagementRule.INACTIVE_AFTER.toDays()))
                .from(ACTIVITIES)
                .where(ACTIVITIES.ORGANIZATION_ID.eq(organizationId), interaction())
                .groupBy(ACTIVITIES.LEAD_ID)
                .fetch();
        java.util.Set<UUID> interacted = new java.util.HashSet<>();
        for (var row : rows) {
            var interactions = new EngagementRule.Interactions(row.value2(), row.value3(), true);
            leads.setEngagement(organizationId, row.value1(), EngagementRule.decide(interactions, null, now));
            interacted.add(row.value1());
        }
        OffsetDateTime cutoff = now.minus(EngagementRule.INACTIVE_AFTER);
        var neverInteracted = leads.withEngagementCreatedBefore(organizationId, "new", cutoff).stream()
                .filter(leadId -> !interacted.contains(leadId))
                .toList();
        var none = new EngagementRule.Interactions(0, 0, false);
        neverInteracted.forEach(leadId -> leads.setEngagement(organizationId, leadId,
                EngagementRule.decide(none, cutoff, now)));
        return rows.size() + neverInteracted.size();
    }

    private static Condition interaction() {
        return ACTIVITIES.ACTIVITY_TYPE.in(EngagementRule.INTERACTION_TYPES).and(ACTIVITIES.STATUS.eq("completed"));
    }

    private static Field<Integer> recent(OffsetDateTime now, long days) {
        return DSL.count().filterWhere(ACTIVITIES.OCCURRED_AT.gt(now.minusDays(days)));
    }
}
