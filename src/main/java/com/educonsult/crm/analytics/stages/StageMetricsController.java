package com.educonsult.crm.analytics.stages;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
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

    private final AnalyticsQueries queries;
    private final StageAnalytics stages;

    StageMetricsController(AnalyticsQueries queries, StageAnalytics stages) {
        this.queries = queries;
        this.stages = stages;
    }

    @GetMapping("/performance-metrics")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Per status: entries and exits in the range, leads in it now, average stay, stays over 24 and 48 hours, SLA")
    ApiResponse<List<StageAnalytics.StatusPerformance>> performance(
            @Parameter(description = AnalyticsController.DATE_FROM) @RequestParam(name = "date_from", required = false)
            String dateFrom,
            @Parameter(description = AnalyticsController.DATE_TO) @RequestParam(name = "date_to", required = false)
            String dateTo,
            @Parameter(description = "Status code or id") @RequestParam(required = false) String status,
            @Parameter(description = "Only this branch's users' moves and leads") @RequestParam(name = "branch_id",
                    required = false) UUID branchId,
            @Parameter(description = "Only this user's moves (and leads assigned to them for figures of now)")
            @RequestParam(name = "user_id", required = false) UUID userId) {
        AnalyticsQuery q = queries.of(Authenticated.user(), dateFrom, dateTo, null, branchId, userId, status);
        return ApiResponse.ok(stages.performance(q));
    }

    @GetMapping("/user-performance")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Per user: leads they moved (to won, to lost), how long the stays they started lasted, within the SLA or not")
    ApiResponse<List<StageAnalytics.UserPerformance>> userPerformance(
            @Parameter(description = AnalyticsController.DATE_FROM) @RequestParam(name = "date_from", required = false)
            String dateFrom,
            @Parameter(description = AnalyticsController.DATE_TO) @RequestParam(name = "date_to", required = false)
            String dateTo,
            @Parameter(description = "Status code or id") @RequestParam(required = false) String status,
            @Parameter(description = "Only this branch's users' moves and leads") @RequestParam(name = "branch_id",
                    required = false) UUID branchId,
            @Parameter(description = "Only this user's moves (and leads assigned to them for figures of now)")
            @RequestParam(name = "user_id", required = false) UUID userId) {
        AnalyticsQuery q = queries.of(Authenticated.user(), dateFrom, dateTo, null, branchId, userId, status);
        return ApiResponse.ok(stages.users(q));
    }

    @GetMapping("/transition-matrix")
    @RequiresPermission("analytics:read")
    @Operation(summary = "How many leads moved from each status to each other in the range, with each move's share of its row")
    ApiResponse<StageAnalytics.TransitionMatrix> transitionMatrix(
            @Parameter(description = AnalyticsController.DATE_FROM) @RequestParam(name = "date_from", required = false)
            String dateFrom,
            @Parameter(description = AnalyticsController.DATE_TO) @RequestParam(name = "date_to", required = false)
            String dateTo,
            @Parameter(description = "Status code or id") @RequestParam(required = false) String status,
            @Parameter(description = "Only this branch's users' moves and leads") @RequestParam(name = "branch_id",
                    required = false) UUID branchId,
            @Parameter(description = "Only this user's moves (and leads assigned to them for figures of now)")
            @RequestParam(name = "user_id", required = false) UUID userId) {
        AnalyticsQuery q = queries.of(Authenticated.user(), dateFrom, dateTo, null, branchId, userId, status);
        return ApiResponse.ok(stages.matrix(q));
    }

    @GetMapping("/conversion-rates")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Per status: leads that entered it, moves out of it, and where they went (won, lost, each next status)")
    ApiResponse<List<StageAnalytics.ConversionRate>> conversionRates(
            @Parameter(description = AnalyticsController.DATE_FROM) @RequestParam(name = "date_from", required = false)
            String dateFrom,
            @Parameter(description = AnalyticsController.DATE_TO) @RequestParam(name = "date_to", required = false)
            String dateTo,
            @Parameter(description = "Status code or id") @RequestParam(required = false) String status,
            @Parameter(description = "Only this branch's users' moves and leads") @RequestParam(name = "branch_id",
                    required = false) UUID branchId,
            @Parameter(description = "Only this user's moves (and leads assigned to them for figures of now)")
            @RequestParam(name = "user_id", required = false) UUID userId) {
        AnalyticsQuery q = queries.of(Authenticated.user(), dateFrom, dateTo, null, branchId, userId, status);
        return ApiResponse.ok(stages.conversionRates(q));
    }

    @GetMapping("/summary")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Live leads per status now with their average days there, moves in the range, SLA breaches now and compliance")
    ApiResponse<StageAnalytics.Summary> summary(
            @Parameter(description = AnalyticsController.DATE_FROM) @RequestParam(name = "date_from", required = false)
            String dateFrom,
            @Parameter(description = AnalyticsController.DATE_TO) @RequestParam(name = "date_to", required = false)
            String dateTo,
            @Parameter(description = "Status code or id") @RequestParam(required = false) String status,
            @Parameter(description = "Only this branch's users' moves and leads") @RequestParam(name = "branch_id",
                    required = false) UUID branchId,
            @Parameter(description = "Only this user's moves (and leads assigned to them for figures of now)")
            @RequestParam(name = "user_id", required = false) UUID userId) {
        AnalyticsQuery q = queries.of(Authenticated.user(), dateFrom, dateTo, null, branchId, userId, status);
        return ApiResponse.ok(stages.summary(q));
    }

    @GetMapping("/status-statistics")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Per status: leads now and their average days there, entries, exits and average stay in the range, SLA")
    ApiResponse<List<StageAnalytics.StatusStatistics>> statusStatistics(
            @Parameter(description = AnalyticsController.DATE_FROM) @RequestParam(name = "date_from", required = false)
            String dateFrom,
            @Parameter(description = AnalyticsController.DATE_TO) @RequestParam(name = "date_to", required = false)
            String dateTo,
            @Parameter(description = "Status code or id") @RequestParam(required = false) String status,
            @Parameter(description = "Only this branch's users' moves and leads") @RequestParam(name = "branch_id",
                    required = false) UUID branchId,
            @Parameter(description = "Only this user's moves (and leads assigned to them for figures of now)")
            @RequestParam(name = "user_id", required = false) UUID userId) {
        AnalyticsQuery q = queries.of(Authenticated.user(), dateFrom, dateTo, null, branchId, userId, status);
        return ApiResponse.ok(stages.statusStatistics(q));
    }

    @GetMapping("/sla-compliance")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Stays with an SLA that ended in the range: within it or not, per status and per day; breaches now")
    ApiResponse<StageAnalytics.Compliance> slaCompliance(
            @Parameter(description = AnalyticsController.DATE_FROM) @RequestParam(name = "date_from", required = false)
            String dateFrom,
            @Parameter(description = AnalyticsController.DATE_TO) @RequestParam(name = "date_to", required = false)
            String dateTo,
            @Parameter(description = "Status code or id") @RequestParam(required = false) String status,
            @Parameter(description = "Only this branch's users' moves and leads") @RequestParam(name = "branch_id",
                    required = false) UUID branchId,
            @Parameter(description = "Only this user's moves (and leads assigned to them for figures of now)")
            @RequestParam(name = "user_id", required = false) UUID userId) {
        AnalyticsQuery q = queries.of(Authenticated.user(), dateFrom, dateTo, null, branchId, userId, status);
        return ApiResponse.ok(stages.compliance(q));
    }

    @GetMapping("/workflow-efficiency")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Leads created and converted, days to conversion, moves per new lead, average stay, SLA compliance")
    ApiResponse<StageAnalytics.Efficiency> workflowEfficiency(
            @Parameter(description = AnalyticsController.DATE_FROM) @RequestParam(name = "date_from", required = false)
            String dateFrom,
            @Parameter(description = AnalyticsController.DATE_TO) @RequestParam(name = "date_to", required = false)
            String dateTo,
            @Parameter(description = "Status code or id") @RequestParam(required = false) String status,
            @Parameter(description = "Only this branch's users' moves and leads") @RequestParam(name = "branch_id",
                    required = false) UUID branchId,
            @Parameter(description = "Only this user's moves (and leads assigned to them for figures of now)")
            @RequestParam(name = "user_id", required = false) UUID userId) {
        AnalyticsQuery q = queries.of(Authenticated.user(), dateFrom, dateTo, null, branchId, userId, status);
        return ApiResponse.ok(stages.efficiency(q));
    }

    @GetMapping("/bottleneck-analysis")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Open statuses, the slowest first: average stay, leads piling up, breach rate, breaches now")
    ApiResponse<List<StageAnalytics.Bottleneck>> bottleneckAnalysis(
            @Parameter(description = AnalyticsController.DATE_FROM) @RequestParam(name = "date_from", required = false)
            String dateFrom,
            @Parameter(description = AnalyticsController.DATE_TO) @RequestParam(name = "date_to", required = false)
            String dateTo,
            @Parameter(description = "Status code or id") @RequestParam(required = false) String status,
            @Parameter(description = "Only this branch's users' moves and leads") @RequestParam(name = "branch_id",
                    required = false) UUID branchId,
            @Parameter(description = "Only this user's moves (and leads assigned to them for figures of now)")
            @RequestParam(name = "user_id", required = false) UUID userId) {
        AnalyticsQuery q = queries.of(Authenticated.user(), dateFrom, dateTo, null, branchId, userId, status);
        return ApiResponse.ok(stages.bottlenecks(q));
    }

    @GetMapping("/sla-violations")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Leads standing in a status past its SLA now, the longest overdue first, with counts per "
            + "status; with date_from/date_to, only those whose deadline fell in those days")
    ApiResponse<StageAnalytics.Violations> slaViolations(
            @Parameter(description = AnalyticsController.DATE_FROM) @RequestParam(name = "date_from", required = false)
            String dateFrom,
            @Parameter(description = AnalyticsController.DATE_TO) @RequestParam(name = "date_to", required = false)
            String dateTo,
            @Parameter(description = "Status code or id") @RequestParam(required = false) String status,
            @Parameter(description = "Only this branch's users' moves and leads") @RequestParam(name = "branch_id",
                    required = false) UUID branchId,
            @Parameter(description = "Only this user's moves (and leads assigned to them for figures of now)")
            @RequestParam(name = "user_id", required = false) UUID userId,
            @Parameter(description = "How many to list, 1 to 200 (default 50); the counts cover all")
            @RequestParam(required = false) Integer limit) {
        int rows = limit == null ? 50 : limit;
        if (rows < 1 || rows > MAX_VIOLATIONS) {
            throw ApiException.invalid("limit", "must be between 1 and " + MAX_VIOLATIONS);
        }
        AnalyticsQuery q = queries.of(Authenticated.user(), dateFrom, dateTo, null, branchId, userId, status);
        return ApiResponse.ok(stages.violations(q, dateFrom != null || dateTo != null, rows));
    }
}
