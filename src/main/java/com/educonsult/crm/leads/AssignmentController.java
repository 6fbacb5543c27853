package com.educonsult.crm.leads;

import com.educonsult.crm.leads.AssignmentViews.AssignmentView;
import com.educonsult.crm.leads.AssignmentViews.BulkResult;
import com.educonsult.crm.leads.AssignmentViews.CurrentAssignment;
import com.educonsult.crm.leads.AssignmentViews.SettingsView;
import com.educonsult.crm.leads.AssignmentViews.WorkloadStats;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/assignments")
@Tag(name = "Assignment")
class AssignmentController {

    private static final Set<String> ACTIONS = Set.of("assign", "reassign", "unassign", "auto", "bulk");

    private final Assignments assignments;
    private final BulkAssignment bulkAssignment;
    private final Workloads workloads;
    private final AutoAssignmentSettings settings;

    AssignmentController(Assignments assignments, BulkAssignment bulkAssignment, Workloads workloads,
            AutoAssignmentSettings settings) {
        this.assignments = assignments;
        this.bulkAssignment = bulkAssignment;
        this.workloads = workloads;
        this.settings = settings;
    }

    @PostMapping("/assign")
    @RequiresPermission("leads:write")
    @Operation(summary = "Give an unassigned lead to a user",
            description = "Assigning to someone else needs `leads:assign`; a lead that has an owner answers 409 "
                    + "(use reassign). A manager assigns only leads of their branch, to users of their branch.")
    ApiResponse<AssignmentView> assign(@Valid @RequestBody AssignmentRequests.Assign request) {
        return ApiResponse.ok(assignments.assign(Authenticated.user(), request), "Lead assigned");
    }

    @PostMapping("/reassign")
    @RequiresPermission("leads:write")
    @Operation(summary = "Move an assigned lead to another user",
            description = "Assigning to someone else needs `leads:assign`.")
    ApiResponse<AssignmentView> reassign(@Valid @RequestBody AssignmentRequests.Assign request) {
        return ApiResponse.ok(assignments.reassign(Authenticated.user(), request), "Lead reassigned");
    }

    @PostMapping("/unassign")
    @RequiresPermission("leads:assign")
    @Operation(summary = "Take a lead from its owner")
    ApiResponse<AssignmentView> unassign(@Valid @RequestBody AssignmentRequests.Unassign request) {
        return ApiResponse.ok(assignments.unassign(Authenticated.user(), request), "Lead unassigned");
    }

    @PostMapping("/bulk-assign")
    @RequiresPermission("leads:assign")
    @Operation(summary = "Share up to 1000 leads among users by round robin or least loaded",
            description = "Leads of the caller's scope matching the filter (only unassigned ones unless "
                    + "`only_unassigned` is false), oldest first. Users default to the active counselors and agents "
                    + "of the scope; `max_per_user` caps how many leads one user receives in this run.")
    ApiResponse<BulkResult> bulkAssign(@Valid @RequestBody AssignmentRequests.BulkAssign request) {
        BulkResult result = bulkAssignment.assign(Authenticated.user(), request);
        return ApiResponse.ok(result, "Assigned " + result.totalAssigned() + " leads");
    }

    @GetMapping("/lead/{id}")
    @RequiresPermission("leads:read")
    @Operation(summary = "Who owns a lead, since when and who gave it to them")
    ApiResponse<CurrentAssignment> current(@PathVariable UUID id) {
        return ApiResponse.ok(assignments.current(Authenticated.user(), id));
    }

    @GetMapping("/lead/{id}/history")
    @RequiresPermission("leads:read")
    @Operation(summary = "Every change of a lead's owner, oldest first")
    ApiResponse<List<AssignmentView>> history(@PathVariable UUID id) {
        return ApiResponse.ok(assignments.history(Authenticated.user(), id));
    }

    @GetMapping
    @RequiresPermission("leads:assign")
    @Operation(summary = "The assignment history of the leads in the caller's scope, newest first",
            description = "`user_id` matches changes that gave a lead to or took one from the user.")
    ApiResponse<List<AssignmentView>> list(
            @RequestParam(name = "user_id", required = false) UUID userId,
            @RequestParam(name = "assigned_by", required = false) UUID assignedBy,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset) {
        if (action != null && !ACTIONS.contains(action)) {
            throw ApiException.invalid("action", "must be one of assign, reassign, unassign, auto, bulk");
        }
        var filter = new Assignments.HistoryFilter(userId, assignedBy, action, from, to);
        return ApiResponse.page(assignments.list(Authenticated.user(), filter, PageRequest.of(limit, offset)));
    }

    @GetMapping("/user")
    @RequiresPermission("leads:read")
    @Operation(summary = "The assignments of the leads the caller owns now, newest first")
    ApiResponse<List<AssignmentView>> mine(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(assignments.mine(Authenticated.user(), PageRequest.of(limit, offset)));
    }

    @GetMapping("/workload-stats")
    @RequiresPermission("leads:assign")
    @Operation(summary = "Unassigned leads and each user's assigned, active and closed leads, in the caller's scope")
    ApiResponse<WorkloadStats> workloadStats() {
        return ApiResponse.ok(workloads.stats(Authenticated.user()));
    }

    @GetMapping("/settings")
    @RequiresPermission("leads:assign")
    @Operation(summary = "How new leads are assigned")
    ApiResponse<SettingsView> settings() {
        return ApiResponse.ok(settings.get(Authenticated.user().organizationId()));
    }

    @PutMapping("/settings")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Choose how new leads are assigned: off, round robin or least loaded, per branch, "
            + "with user sets per source or platform")
    ApiResponse<SettingsView> updateSettings(@Valid @RequestBody AssignmentRequests.Settings request) {
        return ApiResponse.ok(settings.update(Authenticated.user(), request), "Assignment settings saved");
    }
}
