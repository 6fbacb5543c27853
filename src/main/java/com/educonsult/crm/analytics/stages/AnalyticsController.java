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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Seed 02's lead, platform, user, time-based, activity and SLA analytics, and the ranged dashboard of seed 05. */
@RestController
@RequestMapping("/api/v1/analytics")
@Tag(name = "Analytics", description = "Figures over a range of the organization's days, within the caller's scope")
class AnalyticsController {

    private final AnalyticsQueries queries;
    private final LeadAnalytics leads;
    private final AnalyticsDashboard dashboard;
    private final ActivityAnalytics activities;
    private final StageAnalytics stages;

    AnalyticsController(AnalyticsQueries queries, LeadAnalytics leads, AnalyticsDashboard dashboard,
            ActivityAnalytics activities, StageAnalytics stages) {
        this.queries = queries;
        this.leads = leads;
        this.dashboard = dashboard;
        this.activities = activities;
        this.stages = stages;
    }

    @GetMapping("/dashboard")
    @RequiresPermission("analytics:read")
    @Operation(summary = "The range's leads, conversions and communications per channel, with trends against the "
            + "previous period of the same length, leads by source, and the live leads and SLA breaches now")
    ApiResponse<AnalyticsDashboard.Dashboard> dashboard(
            @Parameter(description = "7d, 30d or 90d ending today, or custom (date_from/date_to)")
            @RequestParam(required = false) String range,
            @ParameterObject RangeParams days,
            @Parameter(description = "Only leads of this platform") @RequestParam(required = false) String platform,
            @Parameter(description = "Only this branch") @RequestParam(name = "branch_id", required = false)
            UUID branchId,
            @Parameter(description = "Only this user's leads and work") @RequestParam(name = "user_id",
                    required = false) UUID userId) {
        String named = range == null && days.dateFrom() == null && days.dateTo() == null ? "30d" : range;
        return ApiResponse.ok(dashboard.of(queries.ofNamedRange(Authenticated.user(), named, days,
                platform, branchId, userId), named));
    }

    @GetMapping("/leads")
    @RequiresPermission("analytics:read")
    @Operation(summary = "The leads created in the range: how many are new, contacted, won, lost, assigned; the "
            + "conversion rate, days to conversion and hours to assignment")
    ApiResponse<LeadAnalytics.LeadFigures> leads(
            @ParameterObject RangeParams days,
            @Parameter(description = "Status code or id the leads stand in now") @RequestParam(required = false)
            String status,
            @RequestParam(required = false) String platform,
            @RequestParam(name = "branch_id", required = false) UUID branchId,
            @Parameter(description = "The leads' assignee") @RequestParam(name = "assigned_user_id",
                    required = false) UUID assignedUserId) {
        return ApiResponse.ok(leads.leads(queries.of(Authenticated.user(), days, platform, branchId,
                assignedUserId, status)));
    }

    @GetMapping("/platforms")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Per platform, the leads created in the range: won, lost, conversion rate, days to "
            + "conversion, hours to assignment")
    ApiResponse<List<LeadAnalytics.PlatformFigures>> platforms(
            @ParameterObject RangeParams days,
            @RequestParam(required = false) String platform,
            @RequestParam(name = "branch_id", required = false) UUID branchId,
            @RequestParam(name = "user_id", required = false) UUID userId) {
        return ApiResponse.ok(leads.platforms(queries.of(Authenticated.user(), days, platform, branchId,
                userId, null)));
    }

    @GetMapping("/users")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Per assignee, the leads created in the range and assigned to them now (won, lost, "
            + "conversion), and the activities they logged")
    ApiResponse<List<LeadAnalytics.UserFigures>> users(
            @ParameterObject RangeParams days,
            @RequestParam(required = false) String platform,
            @RequestParam(name = "branch_id", required = false) UUID branchId,
            @RequestParam(name = "user_id", required = false) UUID userId) {
        return ApiResponse.ok(leads.users(queries.of(Authenticated.user(), days, platform, branchId,
                userId, null)));
    }

    @GetMapping("/time-based")
    @RequiresPermission("analytics:read")
    @Operation(summary = "New, won and lost leads per day, ISO week or month of the organization's calendar")
    ApiResponse<List<LeadAnalytics.PeriodFigures>> timeBased(
            @Parameter(description = "day, week or month (default)") @RequestParam(name = "group_by",
                    required = false) String groupBy,
            @ParameterObject RangeParams days,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String platform,
            @RequestParam(name = "branch_id", required = false) UUID branchId,
            @RequestParam(name = "user_id", required = false) UUID userId) {
        String bucket = groupBy == null ? "month" : groupBy;
        if (!List.of("day", "week", "month").contains(bucket)) {
            throw ApiException.invalid("group_by", "must be day, week or month");
        }
        return ApiResponse.ok(leads.timeBased(queries.of(Authenticated.user(), days, platform, branchId,
                userId, status), bucket));
    }

    @GetMapping("/activities")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Activities logged in the range by type, priority and status")
    ApiResponse<ActivityAnalytics.Totals> activities(
            @ParameterObject RangeParams days,
            @RequestParam(name = "branch_id", required = false) UUID branchId,
            @Parameter(description = "Who logged them") @RequestParam(name = "user_id", required = false)
            UUID userId) {
        return ApiResponse.ok(activities.totals(queries.of(Authenticated.user(), days, null, branchId,
                userId, null)));
    }

    @GetMapping("/sla-compliance")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Stays in a status with an SLA that ended in the range: within it or not, hours past it, "
            + "per status and per day; and the breaches standing now")
    ApiResponse<StageAnalytics.Compliance> slaCompliance(
            @ParameterObject RangeParams days,
            @RequestParam(required = false) String status,
            @RequestParam(name = "branch_id", required = false) UUID branchId,
            @Parameter(description = "Who moved the leads into the status") @RequestParam(name = "user_id",
                    required = false) UUID userId) {
        return ApiResponse.ok(stages.compliance(queries.of(Authenticated.user(), days, null, branchId,
                userId, status)));
    }
}
