package com.educonsult.crm.analytics.overview;

import com.educonsult.crm.analytics.AnalyticsRange;
import com.educonsult.crm.analytics.Overview;
import com.educonsult.crm.analytics.RangeParams;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.UUID;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The overview of seed 03's analytics (and seed 02's funnel): every figure over days of the organization's time zone
 * ({@code date_from}, {@code date_to}, both included; the last 30 days by default), within the caller's scope.
 */
@RestController
@Tag(name = "Analytics")
class OverviewController {

    private final OverviewService overview;
    private final OverviewRequests requests;

    OverviewController(OverviewService overview, OverviewRequests requests) {
        this.overview = overview;
        this.requests = requests;
    }

    @GetMapping("/api/v1/analytics/kpis")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Leads created in the range, enrolments (conversions on those days), conversion rate of the "
            + "new leads, live leads in open statuses now, and the previous period beside them")
    ApiResponse<Overview.Kpis> kpis(
            @ParameterObject RangeParams days,
            @RequestParam(name = "branch_id", required = false) UUID branchId,
            @Parameter(description = "The leads' assignee") @RequestParam(name = "assigned_to", required = false)
            UUID assignedTo,
            @RequestParam(required = false) String source, @RequestParam(required = false) String platform,
            @Parameter(description = "A status id: the leads in it now")
            @RequestParam(name = "status", required = false) UUID status) {
        CurrentUser user = Authenticated.user();
        return ApiResponse.ok(overview.kpis(user, requests.range(user, days.dateFrom(), days.dateTo()),
                requests.filter(user, branchId, assignedTo, source, platform, status)));
    }

    @GetMapping("/api/v1/analytics/lead-volume")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Leads created per day, week (from Monday) or month of the organization's time zone, every "
            + "bucket of the range present (zeros included), each with how many of its leads converted")
    ApiResponse<List<Overview.VolumePoint>> leadVolume(
            @ParameterObject RangeParams days,
            @RequestParam(required = false) @Pattern(regexp = "day|week|month") String granularity,
            @RequestParam(name = "branch_id", required = false) UUID branchId,
            @RequestParam(name = "assigned_to", required = false) UUID assignedTo,
            @RequestParam(required = false) String source, @RequestParam(required = false) String platform,
            @RequestParam(name = "status", required = false) UUID status) {
        CurrentUser user = Authenticated.user();
        return ApiResponse.ok(overview.volume(user, requests.range(user, days.dateFrom(), days.dateTo()), granularity,
                requests.filter(user, branchId, assignedTo, source, platform, status)));
    }

    @GetMapping("/api/v1/analytics/funnel")
    @RequiresPermission("analytics:read")
    @Operation(summary = "The pipeline's statuses in order with the leads created in the range that reached each "
            + "(at it or beyond now), its share of the first step and the drop-off from the step before")
    ApiResponse<Overview.Funnel> funnel(
            @ParameterObject RangeParams days,
            @RequestParam(name = "branch_id", required = false) UUID branchId,
            @RequestParam(name = "assigned_to", required = false) UUID assignedTo,
            @RequestParam(required = false) String source, @RequestParam(required = false) String platform) {
        CurrentUser user = Authenticated.user();
        return ApiResponse.ok(overview.funnel(user, requests.range(user, days.dateFrom(), days.dateTo()),
                requests.filter(user, branchId, assignedTo, source, platform, null)));
    }

    @GetMapping("/api/v1/analytics/conversion-by-source")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Per source: the leads created in the range, how many of them enrolled, and the rate")
    ApiResponse<List<Overview.SourceConversion>> conversionBySource(
            @ParameterObject RangeParams days,
            @RequestParam(name = "branch_id", required = false) UUID branchId,
            @RequestParam(name = "assigned_to", required = false) UUID assignedTo,
            @RequestParam(required = false) String platform) {
        CurrentUser user = Authenticated.user();
        return ApiResponse.ok(overview.conversionBySource(user, requests.range(user, days.dateFrom(), days.dateTo()),
                requests.filter(user, branchId, assignedTo, null, platform, null)));
    }

    @GetMapping("/api/v1/analytics/counselor-performance")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Per counselor: leads, conversions, calls, talk time, connected rate, follow-ups done on "
            + "time and speed to lead (median and p90 seconds to the first response); speed to lead per branch and "
            + "source, and the oldest leads of the range still waiting for a first response")
    ApiResponse<Overview.CounselorPerformance> counselorPerformance(
            @ParameterObject RangeParams days,
            @RequestParam(name = "branch_id", required = false) UUID branchId,
            @Parameter(description = "One counselor") @RequestParam(name = "user_id", required = false) UUID userId,
            @RequestParam(required = false) String source, @RequestParam(required = false) String platform) {
        CurrentUser user = Authenticated.user();
        return ApiResponse.ok(overview.counselorPerformance(user, requests.range(user, days.dateFrom(), days.dateTo()),
                requests.filter(user, branchId, userId, source, platform, null)));
    }

    @GetMapping("/api/v1/analytics/alerts")
    @RequiresPermission("analytics:read")
    @Operation(summary = "What needs attention now: leads untouched past their first status's SLA, overdue "
            + "follow-ups, counselors over capacity (above `capacity` open leads, or well above the team's "
            + "average), sources whose volume in the range fell to half or less of the previous period's")
    ApiResponse<List<Overview.Alert>> alerts(
            @ParameterObject RangeParams days,
            @RequestParam(name = "branch_id", required = false) UUID branchId,
            @RequestParam(name = "user_id", required = false) UUID userId,
            @RequestParam(required = false) String source, @RequestParam(required = false) String platform,
            @Parameter(description = "Open leads a counselor may hold") @RequestParam(required = false)
            @Min(1) @Max(100_000) Integer capacity) {
        CurrentUser user = Authenticated.user();
        return ApiResponse.ok(overview.alerts(user, requests.range(user, days.dateFrom(), days.dateTo()),
                requests.filter(user, branchId, userId, source, platform, null), capacity));
    }

    @GetMapping("/api/v1/dashboard")
    @RequiresPermission("analytics:read")
    @Operation(summary = "The caller's dashboard: live leads, new today and this week, follow-ups due today, overdue "
            + "and due in the next 7 days, communications of the last 7 days, leads by status and by source (last 30 "
            + "days), top performers; cached under the version of the data it shows, so a change shows at once")
    ApiResponse<Overview.Dashboard> dashboard() {
        return ApiResponse.ok(overview.dashboard(Authenticated.user()));
    }
}
