package com.educonsult.crm.analytics.stages;

import com.educonsult.crm.analytics.RangeParams;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 02's stage metrics, beside the stage operations of the leads module under the same prefix. Stage figures are
 * the work of who moved a lead into a status; figures of now (leads in a status, breaches) the lead list's scope.
 */
@RestController
@RequestMapping("/api/v1/stages")
@Tag(name = "Stage analytics", description = "How leads move through the pipeline, over a range of days")
class StageMetricsController {

    static final int MAX_VIOLATIONS = 200;

    /** The range and filters every stage metric takes. */
    record StageParams(
            @Parameter(name = "date_from", description = RangeParams.FROM) @BindParam("date_from") String dateFrom,
            @Parameter(name = "date_to", description = RangeParams.TO) @BindParam("date_to") String dateTo,
            @Parameter(description = "Status code or id") String status,
            @Parameter(name = "branch_id", description = "Only this branch's users' moves and leads")
            @BindParam("branch_id") UUID branchId,
            @Parameter(name = "user_id", description = "Only this user's moves (and leads assigned to them for "
                    + "figures of now)") @BindParam("user_id") UUID userId) {
    }

    private final AnalyticsQueries queries;
    private final StageAnalytics stages;

    StageMetricsController(AnalyticsQueries queries, StageAnalytics stages) {
        this.queries = queries;
        this.stages = stages;
    }

    @GetMapping("/performance-metrics")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Per status: entries and exits in the range, leads in it now, average stay, stays over 24 and 48 hours, SLA")
    ApiResponse<List<StageAnalytics.StatusPerformance>> performance(@ParameterObject StageParams params) {
        return ApiResponse.ok(stages.performance(query(params)));
    }

    @GetMapping("/user-performance")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Per user: leads they moved (to won, to lost), how long the stays they started lasted, within the SLA or not")
    ApiResponse<List<StageAnalytics.UserPerformance>> userPerformance(@ParameterObject StageParams params) {
        return ApiResponse.ok(stages.users(query(params)));
    }

    @GetMapping("/transition-matrix")
    @RequiresPermission("analytics:read")
    @Operation(summary = "How many leads moved from each status to each other in the range, with each move's share of its row")
    ApiResponse<StageAnalytics.TransitionMatrix> transitionMatrix(@ParameterObject StageParams params) {
        return ApiResponse.ok(stages.matrix(query(params)));
    }

    @GetMapping("/conversion-rates")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Per status: leads that entered it, moves out of it, and where they went (won, lost, each next status)")
    ApiResponse<List<StageAnalytics.ConversionRate>> conversionRates(@ParameterObject StageParams params) {
        return ApiResponse.ok(stages.conversionRates(query(params)));
    }

    @GetMapping("/summary")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Live leads per status now with their average days there, moves in the range, SLA breaches now and compliance")
    ApiResponse<StageAnalytics.Summary> summary(@ParameterObject StageParams params) {
        return ApiResponse.ok(stages.summary(query(params)));
    }

    @GetMapping("/status-statistics")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Per status: leads now and their average days there, entries, exits and average stay in the range, SLA")
    ApiResponse<List<StageAnalytics.StatusStatistics>> statusStatistics(@ParameterObject StageParams params) {
        return ApiResponse.ok(stages.statusStatistics(query(params)));
    }

    @GetMapping("/sla-compliance")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Stays with an SLA that ended in the range: within it or not, per status and per day; breaches now")
    ApiResponse<StageAnalytics.Compliance> slaCompliance(@ParameterObject StageParams params) {
        return ApiResponse.ok(stages.compliance(query(params)));
    }

    @GetMapping("/workflow-efficiency")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Leads created and converted, days to conversion, moves per new lead, average stay, SLA compliance")
    ApiResponse<StageAnalytics.Efficiency> workflowEfficiency(@ParameterObject StageParams params) {
        return ApiResponse.ok(stages.efficiency(query(params)));
    }

    @GetMapping("/bottleneck-analysis")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Open statuses, the slowest first: average stay, leads piling up, breach rate, breaches now")
    ApiResponse<List<StageAnalytics.Bottleneck>> bottleneckAnalysis(@ParameterObject StageParams params) {
        return ApiResponse.ok(stages.bottlenecks(query(params)));
    }

    @GetMapping("/sla-violations")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Leads standing in a status past its SLA now, the longest overdue first, with counts per "
            + "status; with date_from/date_to, only those whose deadline fell in those days")
    ApiResponse<StageAnalytics.Violations> slaViolations(
            @ParameterObject StageParams params,
            @Parameter(description = "How many to list, 1 to 200 (default 50); the counts cover all")
            @RequestParam(required = false) Integer limit) {
        int rows = limit == null ? 50 : limit;
        if (rows < 1 || rows > MAX_VIOLATIONS) {
            throw ApiException.invalid("limit", "must be between 1 and " + MAX_VIOLATIONS);
        }
        return ApiResponse.ok(stages.violations(query(params), params.dateFrom() != null || params.dateTo() != null,
                rows));
    }

    private AnalyticsQuery query(StageParams params) {
        return queries.of(Authenticated.user(), params.dateFrom(), params.dateTo(), null, params.branchId(),
                params.userId(), params.status());
    }
}
