package com.educonsult.crm.analytics.stages;

import com.educonsult.crm.analytics.RangeParams;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
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

/** Seed 02's activity metrics, beside the activities module's operations under the same prefix. */
@RestController
@RequestMapping("/api/v1/activities")
@Tag(name = "Activity analytics", description = "Activities logged over a range of days, by who logged them")
class ActivityMetricsController {

    private final AnalyticsQueries queries;
    private final ActivityAnalytics activities;

    ActivityMetricsController(AnalyticsQueries queries, ActivityAnalytics activities) {
        this.queries = queries;
        this.activities = activities;
    }

    @GetMapping("/user-performance")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Per user and activity type: activities logged in the range, completed, pending, "
            + "cancelled, completion rate, time spent")
    ApiResponse<List<ActivityAnalytics.UserFigures>> userPerformance(
            @ParameterObject RangeParams days,
            @RequestParam(name = "branch_id", required = false) UUID branchId,
            @RequestParam(name = "user_id", required = false) UUID userId) {
        return ApiResponse.ok(activities.users(queries.of(Authenticated.user(), days, null, branchId,
                userId, null)));
    }

    @GetMapping("/priority-distribution")
    @RequiresPermission("analytics:read")
    @Operation(summary = "Activities logged in the range per priority (urgent, high, medium, low) and status")
    ApiResponse<List<ActivityAnalytics.PriorityFigures>> priorityDistribution(
            @ParameterObject RangeParams days,
            @RequestParam(name = "branch_id", required = false) UUID branchId,
            @RequestParam(name = "user_id", required = false) UUID userId) {
        return ApiResponse.ok(activities.priorities(queries.of(Authenticated.user(), days, null, branchId,
                userId, null)));
    }
}
