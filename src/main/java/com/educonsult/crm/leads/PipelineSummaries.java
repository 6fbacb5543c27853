package com.educonsult.crm.leads;


import com.educonsult.crm.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How many live leads the caller may see stand in each status of the pipeline, what they are worth and how long
 * they have stood there: sums over the lead tallies of the caller's scope, whatever the number of leads.
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

    private final LeadTallies tallies;
    private final LeadStatuses statuses;
    private final Clock clock;

    PipelineSummaries(LeadTallies tallies, LeadStatuses statuses, Clock clock) {
        this.tallies = tallies;
        this.statuses = statuses;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    PipelineSummary summary(CurrentUser user) {
        Map<UUID, LeadTallies.StatusTally> counted = tallies.byStatus(user);
        Map<UUID, List<BudgetTotal>> budgets = new HashMap<>();
        for (LeadTallies.BudgetTally budget : tallies.budgets(user)) {
            budgets.computeIfAbsent(budget.statusId(), k -> new ArrayList<>()).add(new BudgetTotal(budget.currency(),
                    budget.sum().setScale(2, RoundingMode.HALF_UP), (int) budget.leads()));
        }
        long nowEpoch = clock.instant().getEpochSecond();
        List<StatusSummary> rows = new ArrayList<>();
        long total = 0;
        for (LeadStatus status : statuses.list(user.organizationId())) {
            LeadTallies.StatusTally tally = counted.get(status.id());
            if (status.active() || tally != null) {
                rows.add(new StatusSummary(status.id(), status.code(), status.name(), status.color(),
                        status.position(), status.isWon(), status.isLost(), status.active(),
                        tally == null ? 0 : (int) tally.leads(), tally == null ? null : averageDays(tally, nowEpoch),
                        budgets.getOrDefault(status.id(), List.of())));
                total += tally == null ? 0 : tally.leads();
            }
        }
        return new PipelineSummary((int) total, BUDGET_BASIS, rows);
    }

    /** Now less the average time the leads entered the status, in days with one decimal. */
    private static BigDecimal averageDays(LeadTallies.StatusTally tally, long nowEpoch) {
        BigDecimal averageEntered = BigDecimal.valueOf(tally.enteredEpochSum())
                .divide(BigDecimal.valueOf(tally.leads()), 3, RoundingMode.HALF_UP);
        return BigDecimal.valueOf(nowEpoch).subtract(averageEntered)
                .divide(BigDecimal.valueOf(86_400), 1, RoundingMode.HALF_UP);
    }
}
