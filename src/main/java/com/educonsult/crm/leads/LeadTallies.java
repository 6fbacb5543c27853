package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEAD_TALLIES;

import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.Tenancy;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Live leads counted per status (with their time in status and budgets) and per tag, within a caller's scope, from
 * the tallies the database keeps exact on every write of a lead (V21): a sum over a few rows per group instead of a
 * count over every lead. Writes only append rows; {@link #fold} replaces an organization's rows by one per group
 * when they have piled up.
 */
@Service
class LeadTallies {

    /** Rows of an organization beyond this many per group are folded after a read. */
    private static final int FOLD_AFTER_ROWS_PER_GROUP = 4;
    private static final int FOLD_MIN_ROWS = 2_000;

    /** The live leads of one status in a scope, the sum of their status entry times, and their budgets. */
    record StatusTally(UUID statusId, long leads, long enteredEpochSum) {
    }

    record BudgetTally(UUID statusId, String currency, long leads, BigDecimal sum) {
    }

    private final DSLContext db;
    private final Tenancy tenancy;
    private final TransactionTemplate separately;

    LeadTallies(DSLContext db, Tenancy tenancy, PlatformTransactionManager transactions) {
        this.db = db;
        this.tenancy = tenancy;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** All live leads the caller sees. */
    @Transactional(readOnly = true)
    long live(CurrentUser user) {
        Long total = db.select(DSL.sum(LEAD_TALLIES.LEADS).cast(Long.class)).from(LEAD_TALLIES)
                .where(scope(user), LEAD_TALLIES.TAG.isNull()).fetchOne(0, Long.class);
        return total == null ? 0 : total;
    }

    @Transactional(readOnly = true)
    Map<UUID, StatusTally> byStatus(CurrentUser user) {
        return byStatus(user, DSL.noCondition());
    }

    /**
     * The same, narrowed to one branch and to one assignee ({@code unassigned}: to leads without one); null means
     * any. The tallies are kept per branch and assignee, so the narrower counts are exact too.
     */
    @Transactional(readOnly = true)
    Map<UUID, StatusTally> byStatus(CurrentUser user, UUID branchId, UUID assignedTo, boolean unassigned) {
        return byStatus(user, DSL.and(
                branchId == null ? DSL.noCondition() : LEAD_TALLIES.BRANCH_ID.eq(branchId),
                unassigned ? LEAD_TALLIES.ASSIGNED_TO.isNull()
                        : assignedTo == null ? DSL.noCondition() : LEAD_TALLIES.ASSIGNED_TO.eq(assignedTo)));
    }

    private Map<UUID, StatusTally> byStatus(CurrentUser user, Condition narrower) {
        Field<Long> leads = DSL.sum(LEAD_TALLIES.LEADS).cast(Long.class);
        Field<Long> entered = DSL.sum(LEAD_TALLIES.ENTERED_EPOCH_SUM).cast(Long.class);
        Field<Integer> rows = DSL.count();
        Map<UUID, StatusTally> tallies = new HashMap<>();
        int[] read = {0};
        db.select(LEAD_TALLIES.STATUS_ID, leads, entered, rows).from(LEAD_TALLIES)
                .where(scope(user), LEAD_TALLIES.TAG.isNull(), narrower)
                .groupBy(LEAD_TALLIES.STATUS_ID)
                .forEach(r -> {
                    read[0] += r.value4();
                    if (r.value2() != 0) {
                        tallies.put(r.value1(), new StatusTally(r.value1(), r.value2(), r.value3()));
                    }
                });
        foldIfPiledUp(user.organizationId(), read[0], tallies.size());
        return tallies;
    }

    /** The caller's live leads per status, branch and assignee (a few rows per group, summed). */
    @Transactional(readOnly = true)
    List<LiveLeadCounts.Group> groups(CurrentUser user) {
        Field<Long> leads = DSL.sum(LEAD_TALLIES.LEADS).cast(Long.class);
        return db.select(LEAD_TALLIES.STATUS_ID, LEAD_TALLIES.BRANCH_ID, LEAD_TALLIES.ASSIGNED_TO, leads)
                .from(LEAD_TALLIES)
                .where(scope(user), LEAD_TALLIES.TAG.isNull())
                .groupBy(LEAD_TALLIES.STATUS_ID, LEAD_TALLIES.BRANCH_ID, LEAD_TALLIES.ASSIGNED_TO)
                .having(leads.ne(0L))
                .fetch(r -> new LiveLeadCounts.Group(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    @Transactional(readOnly = true)
    List<BudgetTally> budgets(CurrentUser user) {
        Field<Long> leads = DSL.sum(LEAD_TALLIES.BUDGET_LEADS).cast(Long.class);
        Field<BigDecimal> sum = DSL.sum(LEAD_TALLIES.BUDGET_SUM);
        return db.select(LEAD_TALLIES.STATUS_ID, LEAD_TALLIES.BUDGET_CURRENCY, leads, sum).from(LEAD_TALLIES)
                .where(scope(user), LEAD_TALLIES.TAG.isNull())
                .groupBy(LEAD_TALLIES.STATUS_ID, LEAD_TALLIES.BUDGET_CURRENCY)
                .having(leads.gt(0L))
                .orderBy(LEAD_TALLIES.BUDGET_CURRENCY)
                .fetch(r -> new BudgetTally(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** The tags of the caller's live leads with how many carry each, most used first. */
    @Transactional(readOnly = true)
    List<LeadSearch.TagCount> tags(CurrentUser user) {
        Field<Long> leads = DSL.sum(LEAD_TALLIES.LEADS).cast(Long.class);
        return db.select(LEAD_TALLIES.TAG, leads).from(LEAD_TALLIES)
                .where(scope(user), LEAD_TALLIES.TAG.isNotNull())
                .groupBy(LEAD_TALLIES.TAG)
                .having(leads.gt(0L))
                .orderBy(leads.desc(), LEAD_TALLIES.TAG)
                .fetch(r -> new LeadSearch.TagCount(r.value1(), r.value2()));
    }

    /**
     * Replaces the organization's tally rows by one row per group, in its own transaction. Rows appended meanwhile
     * by other transactions are not seen by the delete and stay; concurrent folds of one organization are skipped.
     */
    void fold(UUID organizationId) {
        separately.executeWithoutResult(status -> {
            tenancy.bind(organizationId);
            Boolean locked = db.select(DSL.field("pg_try_advisory_xact_lock(hashtext('lead_tallies:' || {0}))",
                    Boolean.class, DSL.val(organizationId.toString()))).fetchOne(0, Boolean.class);
            if (!Boolean.TRUE.equals(locked)) {
                return;
            }
            db.execute("""
                    with folded as (
                      delete from lead_tallies where organization_id = {0} returning *
                    )
                    insert into lead_tallies (organization_id, status_id, branch_id, assigned_to, budget_currency,
                                              tag, leads, entered_epoch_sum, budget_leads, budget_sum)
                    select organization_id, status_id, branch_id, assigned_to, budget_currency, tag, sum(leads),
                           sum(entered_epoch_sum), sum(budget_leads), sum(budget_sum)
                    from folded
                    group by organization_id, status_id, branch_id, assigned_to, budget_currency, tag
                    having sum(leads) <> 0 or sum(entered_epoch_sum) <> 0 or sum(budget_leads) <> 0
                        or sum(budget_sum) <> 0
                    """, DSL.val(organizationId));
        });
    }

    private void foldIfPiledUp(UUID organizationId, int rowsRead, int groups) {
        if (rowsRead > FOLD_MIN_ROWS && rowsRead > groups * FOLD_AFTER_ROWS_PER_GROUP) {
            fold(organizationId);
        }
    }

    /** The caller's scope over the tallies: the same rule as {@link LeadScope#visibleTo} over leads. */
    private static Condition scope(CurrentUser user) {
        return LeadScope.visibleTo(user, LEAD_TALLIES.ORGANIZATION_ID, LEAD_TALLIES.BRANCH_ID,
                LEAD_TALLIES.ASSIGNED_TO);
    }
}
