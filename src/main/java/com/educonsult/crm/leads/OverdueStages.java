package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.LEAD_STAGES;

import com.educonsult.crm.platform.security.CurrentUser;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The caller's leads standing in a status past its SLA now: leads whose open stage's deadline (copied to the lead as
 * {@code status_sla_due_at}, V51) passed, read through the partial index of live leads by that deadline.
 */
@Service
public class OverdueStages {

    /** A lead still in a status whose deadline passed. */
    public record Overdue(UUID stageId, UUID leadId, String leadName, UUID statusId, OffsetDateTime enteredAt,
            OffsetDateTime slaDueAt, UUID assignedTo, UUID branchId) {
    }

    /** The open breaches: how many in all and per status, and the longest overdue ones. */
    public record Breaches(long total, Map<UUID, Long> perStatus, List<Overdue> longestOverdue) {
    }

    private final DSLContext db;

    OverdueStages(DSLContext db) {
        this.db = db;
    }

    /**
     * The caller's open stages whose deadline passed by {@code now} (and, unless null, after {@code dueAfter}),
     * narrowed to a status, the leads' branch and assignee when given; the {@code limit} longest overdue listed.
     */
    @Transactional(readOnly = true)
    public Breaches now(CurrentUser user, Instant now, Instant dueAfter, UUID statusId, UUID branchId,
            UUID assignedTo, int limit) {
        Condition breached = LEADS.ORGANIZATION_ID.eq(user.organizationId())
                .and(LEADS.DELETED_AT.isNull()).and(LEADS.STATUS_SLA_DUE_AT.isNotNull())
                .and(LEADS.STATUS_SLA_DUE_AT.le(OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
                .and(dueAfter == null ? DSL.noCondition()
                        : LEADS.STATUS_SLA_DUE_AT.gt(OffsetDateTime.ofInstant(dueAfter, ZoneOffset.UTC)))
                .and(statusId == null ? DSL.noCondition() : LEADS.STATUS_ID.eq(statusId))
                .and(LeadScope.visibleTo(user))
                .and(branchId == null ? DSL.noCondition() : LEADS.BRANCH_ID.eq(branchId))
                .and(assignedTo == null ? DSL.noCondition() : LEADS.ASSIGNED_TO.eq(assignedTo));
        Field<Long> count = DSL.count().cast(Long.class);
        Map<UUID, Long> perStatus = new LinkedHashMap<>();
        db.select(LEADS.STATUS_ID, count).from(LEADS).where(breached).groupBy(LEADS.STATUS_ID)
                .forEach(r -> perStatus.put(r.value1(), r.value2()));
        long total = perStatus.values().stream().mapToLong(Long::longValue).sum();
        List<Overdue> longest = total == 0 ? List.of() : db
                .select(LEAD_STAGES.ID, LEAD_STAGES.LEAD_ID, LEADS.FIRST_NAME, LEADS.LAST_NAME, LEAD_STAGES.STATUS_ID,
                        LEAD_STAGES.ENTERED_AT, LEAD_STAGES.SLA_DUE_AT, LEADS.ASSIGNED_TO, LEADS.BRANCH_ID)
                .from(LEADS).join(LEAD_STAGES)
                .on(LEAD_STAGES.ORGANIZATION_ID.eq(LEADS.ORGANIZATION_ID), LEAD_STAGES.LEAD_ID.eq(LEADS.ID),
                        LEAD_STAGES.EXITED_AT.isNull())
                .where(breached)
                .orderBy(LEADS.STATUS_SLA_DUE_AT, LEAD_STAGES.ID)
                .limit(limit)
                .fetch(r -> new Overdue(r.value1(), r.value2(),
                        r.value4() == null || r.value4().isBlank() ? r.value3() : r.value3() + " " + r.value4(),
                        r.value5(), r.value6(), r.value7(), r.value8(), r.value9()));
        return new Breaches(total, perStatus, longest);
    }
}
