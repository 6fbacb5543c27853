package com.educonsult.crm.activities;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Activities")
class ActivityController {

    private final Activities activities;
    private final Timeline timeline;
    private final FollowUpSummaries followUpSummaries;

    ActivityController(Activities activities, Timeline timeline, FollowUpSummaries followUpSummaries) {
        this.activities = activities;
        this.timeline = timeline;
        this.followUpSummaries = followUpSummaries;
    }

    @PostMapping("/activities/log")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("leads:write")
    @Operation(summary = "Log something that happened with a lead (call, email, meeting, message, ...)")
    ApiResponse<Activities.ActivityView> log(@Valid @RequestBody ActivityRequests.Log request) {
        return ApiResponse.ok(activities.log(Authenticated.user(), request), "Activity logged");
    }

    @GetMapping("/activities/lead/{id}")
    @RequiresPermission("leads:read")
    @Operation(summary = "A lead's activities, newest first, filtered by type, user, priority, status and time")
    ApiResponse<List<Activities.ActivityView>> forLead(@PathVariable UUID id,
            @RequestParam(required = false) @Pattern(regexp = ActivityRequests.TYPES) String type,
            @RequestParam(name = "user_id", required = false) UUID userId,
            @RequestParam(required = false) @Pattern(regexp = ActivityRequests.PRIORITIES) String priority,
            @RequestParam(required = false) @Pattern(regexp = ActivityRequests.STATUSES) String status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(activities.listForLead(Authenticated.user(), id,
                new Activities.Filter(null, userId, type, priority, status, from, to), PageRequest.of(limit, offset)));
    }

    @GetMapping("/activities/lead/{id}/timeline")
    @RequiresPermission("leads:read")
    @Operation(summary = "A lead's timeline: the same stream as /leads/{id}/timeline")
    ApiResponse<List<Timeline.TimelineItem>> leadTimeline(@PathVariable UUID id,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) String cursor) {
        return TimelineController.response(timeline.of(Authenticated.user(), id, limit, offset, cursor));
    }

    @GetMapping("/activities")
    @RequiresPermission("leads:read")
    @Operation(summary = "Activities of the organization on the leads the caller may see")
    ApiResponse<List<Activities.ActivityView>> list(
            @RequestParam(name = "lead_id", required = false) UUID leadId,
            @RequestParam(required = false) @Pattern(regexp = ActivityRequests.TYPES) String type,
            @RequestParam(name = "user_id", required = false) UUID userId,
            @RequestParam(required = false) @Pattern(regexp = ActivityRequests.PRIORITIES) String priority,
            @RequestParam(required = false) @Pattern(regexp = ActivityRequests.STATUSES) String status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(activities.list(Authenticated.user(),
                new Activities.Filter(leadId, userId, type, priority, status, from, to), PageRequest.of(limit, offset)));
    }

    @GetMapping("/activities/user")
    @RequiresPermission("leads:read")
    @Operation(summary = "The caller's own activities")
    ApiResponse<List<Activities.ActivityView>> mine(
            @RequestParam(required = false) @Pattern(regexp = ActivityRequests.TYPES) String type,
            @RequestParam(required = false) @Pattern(regexp = ActivityRequests.PRIORITIES) String priority,
            @RequestParam(required = false) @Pattern(regexp = ActivityRequests.STATUSES) String status,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        var user = Authenticated.user();
        return ApiResponse.page(activities.list(user,
                new Activities.Filter(null, user.userId(), type, priority, status, null, null),
                PageRequest.of(limit, offset)));
    }

    @GetMapping("/activities/follow-ups/pending")
    @RequiresPermission("leads:read")
    @Operation(summary = "Pending follow-ups due today or later (the organization's day), soonest first")
    ApiResponse<List<Activities.FollowUpView>> pending(
            @RequestParam(required = false) @Pattern(regexp = ActivityRequests.PRIORITIES) String priority,
            @RequestParam(name = "user_id", required = false) UUID userId,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(activities.followUps(Authenticated.user(), false, priority, userId,
                PageRequest.of(limit, offset)));
    }

    @GetMapping("/activities/follow-ups/overdue")
    @RequiresPermission("leads:read")
    @Operation(summary = "Pending follow-ups due before today (the organization's day), oldest first")
    ApiResponse<List<Activities.FollowUpView>> overdue(
            @RequestParam(required = false) @Pattern(regexp = ActivityRequests.PRIORITIES) String priority,
            @RequestParam(name = "user_id", required = false) UUID userId,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(activities.followUps(Authenticated.user(), true, priority, userId,
                PageRequest.of(limit, offset)));
    }

    @GetMapping("/activities/follow-ups/summary")
    @RequiresPermission("leads:read")
    @Operation(summary = "Counts of the pending follow-ups the caller may see: by priority, due within 24 hours and "
            + "7 days, due today and this week (the organization's time zone, weeks from Monday), overdue")
    ApiResponse<FollowUpSummaries.FollowUpSummary> followUpSummary(
            @Parameter(description = "Only the follow-ups this user logged")
            @RequestParam(name = "user_id", required = false) UUID userId) {
        return ApiResponse.ok(followUpSummaries.summary(Authenticated.user(), userId));
    }

    @GetMapping("/activities/summary")
    @RequiresPermission("leads:read")
    @Operation(summary = "Counts by type and status between two days (default: the last 30), and follow-up counts")
    ApiResponse<Activities.Summary> summary(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return ApiResponse.ok(activities.summary(Authenticated.user(), from, to));
    }

    @PutMapping("/activities/update-status")
    @RequiresPermission("leads:write")
    @Operation(summary = "Set an activity's status (pending, completed, cancelled)")
    ApiResponse<Activities.ActivityView> updateStatus(@Valid @RequestBody ActivityRequests.UpdateStatus request) {
        return ApiResponse.ok(activities.updateStatus(Authenticated.user(), request), "Activity updated");
    }

    @PutMapping("/activities/update-follow-up")
    @RequiresPermission("leads:write")
    @Operation(summary = "Move an activity's next follow-up")
    ApiResponse<Activities.ActivityView> updateFollowUp(@Valid @RequestBody ActivityRequests.UpdateFollowUp request) {
        return ApiResponse.ok(activities.updateFollowUp(Authenticated.user(), request), "Follow-up updated");
    }

    @PutMapping("/activities/bulk-update-follow-ups")
    @RequiresPermission("leads:write")
    @Operation(summary = "Move the follow-up of up to 500 activities at once (all or none)")
    ApiResponse<Activities.BulkResult> bulkUpdateFollowUps(
            @Valid @RequestBody ActivityRequests.BulkUpdateFollowUps request) {
        var result = activities.bulkUpdateFollowUps(Authenticated.user(), request);
        return ApiResponse.ok(result, "Updated " + result.updatedCount() + " follow-up dates");
    }

    @GetMapping("/leads/{id}/interactions")
    @RequiresPermission("leads:read")
    @Operation(summary = "A lead's interactions (seed 03's shape of its activities), newest first")
    ApiResponse<List<Activities.InteractionView>> interactions(@PathVariable UUID id,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(activities.interactions(Authenticated.user(), id, PageRequest.of(limit, offset)));
    }

    @PostMapping("/leads/{id}/interactions")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("leads:write")
    @Operation(summary = "Log an interaction with a lead (stored as a completed activity)")
    ApiResponse<Activities.InteractionView> logInteraction(@PathVariable UUID id,
            @Valid @RequestBody ActivityRequests.Interaction request) {
        return ApiResponse.ok(activities.logInteraction(Authenticated.user(), id, request), "Interaction logged");
    }
}
