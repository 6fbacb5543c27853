package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.LEAD_STAGES;

import com.educonsult.crm.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How many live leads the caller may see stand in each status of the pipeline, what they are worth and how long
 * they have stood there: two grouped queries over the leads in scope, whatever their number.
 *
 * <p>A lead's budget counts as the midpoint of its budget_min and budget_max, or as the one given when only one
 * is (a range is the student's uncertainty, so its middle is the fairest single figure); leads without a budget
 * do not count. Totals are per currency, never converted.
 */
@Service
class PipelineSummaries {

    static final String BUDGET_BASIS = "midpoint of budget_min and budget_max; the one given when only one is";

    @Schema(name = "PipelineSummary")
    record PipelineSummary(
            @Schema(description = "Live leads in the caller's scope") int totalLeads,
            @Schema(description = "How each lead's budget counts in the totals", example = BUDGET_BASIS)
            String budgetBasis,
            @Schema(description = "Every active status in pipeline order, then inactive ones that still hold leads")
            List<StatusSummary> statuses) {
    }

    @Schema(name = "PipelineStatusSummary")
    record StatusSummary(
            UUID statusId, String code, String name, String color, int position, boolean isWon, boolean isLost,
            boolean active,
            @Schema(description = "Live leads in the status") int count,
            @Schema(description = "Average days the leads have been in the status so far (one decimal); null "
                    + "when it holds none", nullable = true) BigDecimal averageDaysInStatus,
            @Schema(description = "Sum of the leads' budgets, per currency") List<BudgetTotal> budgets) {
    }

    @Schema(name = "PipelineBudgetTotal")
    record BudgetTotal(
            @Schema(description = "ISO 4217 currency", example = "INR") String currency,
            @Schema(description = "Sum of the budgets in that currency (2 decimals)") BigDecimal total,
            @Schema(description = "Leads with a budget in that currency") int leads) {
    }

    private record Counted(int count, BigDecimal averageDays) {
    }

    private final DSLContext db;
    private final LeadStatuses statuses;
    private final Clock clock;

    PipelineSummaries(DSLContext db, LeadStatuses statuses, Clock clock) {
        this.db = db;
        this.statuses = statuses;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    PipelineSummary summary(CurrentUser user) {
        Condition scope = LeadScope.visibleAndLive(user);
        Map<UUID, Counted> counted = countsAndDays(user, scope);
        Map<UUID, List<BudgetTotal>> budgets = budgets(scope);
        List<StatusSummary> rows = new ArrayList<>();
        for (LeadStatus status : statuses.list(user.organizationId())) {
            Counted c = counted.get(status.id());
            if (status.active() || c != null) {
                rows.add(new StatusSummary(status.id(), status.code(), status.name(), status.color(),
                        status.position(), status.isWon(), status.isLost(), status.active(), c == null ? 0 : c.count(),
                        c == null ? null : c.averageDays(), budgets.getOrDefault(status.id(), List.of())));
            }
        }
        int total = counted.values().stream().mapToInt(Counted::count).sum();
        return new PipelineSummary(total, BUDGET_BASIS, rows);
    }

    /** Leads per status, and their average time so far in their open stage (the stay in the current status). */
    private Map<UUID, Counted> countsAndDays(CurrentUser user, Condition scope) {
        Field<OffsetDateTime> now = DSL.val(OffsetDateTime.now(clock));
        Field<BigDecimal> days = DSL.field("extract(epoch from ({0} - {1})) / 86400", SQLDataType.NUMERIC,
                now, LEAD_STAGES.ENTERED_AT);
        Map<UUID, Counted> counted = new HashMap<>();
        db.select(LEADS.STATUS_ID, DSL.count(), DSL.avg(days))
                .from(LEADS)
                .leftJoin(LEAD_STAGES).on(LEAD_STAGES.ORGANIZATION_ID.eq(LEADS.ORGANIZATION_ID),
                        LEAD_STAGES.LEAD_ID.eq(LEADS.ID), LEAD_STAGES.EXITED_AT.isNull())
                .where(LEADS.ORGANIZATION_ID.eq(user.organizationId()), scope)
                .groupBy(LEADS.STATUS_ID)
                .forEach(r -> counted.put(r.value1(), new Counted(r.value2(),
                        r.value3() == null ? null : r.value3().setScale(1, RoundingMode.HALF_UP))));
        return counted;
    }

    private Map<UUID, List<BudgetTotal>> budgets(Condition scope) {
        Field<BigDecimal> budget = DSL.when(LEADS.BUDGET_MIN.isNotNull().and(LEADS.BUDGET_MAX.isNotNull()),
                        LEADS.BUDGET_MIN.plus(LEADS.BUDGET_MAX).div(2))
                .otherwise(DSL.coalesce(LEADS.BUDGET_MAX, LEADS.BUDGET_MIN));
        Map<UUID, List<BudgetTotal>> totals = new HashMap<>();
        db.select(LEADS.STATUS_ID, LEADS.BUDGET_CURRENCY, DSL.sum(budget), DSL.count())
                .from(LEADS)
                .where(scope, LEADS.BUDGET_MIN.isNotNull().or(LEADS.BUDGET_MAX.isNotNull()))
                .groupBy(LEADS.STATUS_ID, LEADS.BUDGET_CURRENCY)
                .orderBy(LEADS.BUDGET_CURRENCY)
                .forEach(r -> totals.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(new BudgetTotal(
                        r.value2(), r.value3().setScale(2, RoundingMode.HALF_UP), r.value4())));
        return totals;
    }
}
