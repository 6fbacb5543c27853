package com.educonsult.crm.activities;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.platform.web.RefusesNull;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tasks")
@Tag(name = "Tasks")
class TaskController {

    private final Tasks tasks;

    TaskController(Tasks tasks) {
        this.tasks = tasks;
    }

    @GetMapping
    @RequiresPermission("leads:read")
    @Operation(summary = "Tasks and follow-ups the caller may see, soonest due first")
    ApiResponse<List<Tasks.TaskView>> list(
            @RequestParam(name = "lead_id", required = false) UUID leadId,
            @RequestParam(name = "assignee_id", required = false) String assigneeId,
            @RequestParam(required = false) @Pattern(regexp = TaskRequests.STATUSES) String status,
            @RequestParam(required = false) @Pattern(regexp = TaskRequests.KINDS) String kind,
            @RequestParam(name = "due_before", required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime dueBefore,
            @RequestParam(name = "due_after", required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime dueAfter,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        CurrentUser user = Authenticated.user();
        var filter = new Tasks.Filter(leadId, assignee(user, assigneeId), status, kind, dueBefore, dueAfter, overdue);
        return ApiResponse.page(tasks.list(user, filter, PageRequest.of(limit, offset)));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("leads:write")
    @Operation(summary = "Create a task, by default for the caller; assigning someone else needs leads:assign")
    ApiResponse<Tasks.TaskView> create(@Valid @RequestBody TaskRequests.Create request) {
        return ApiResponse.ok(tasks.create(Authenticated.user(), request), "Task created");
    }

    @PatchMapping("/{id}")
    @RequiresPermission("leads:write")
    @RefusesNull({"title", "kind", "priority", "status"})
    @Operation(summary = "Change a task; completing a follow-up, call or meeting records it on the lead's activities",
            description = "assignee_id null leaves the task with nobody (needs leads:assign, like giving it to "
                    + "someone else); due_at null removes the due time, except on a follow-up, which needs one (422).")
    ApiResponse<Tasks.TaskView> update(@PathVariable UUID id, @Valid @RequestBody TaskRequests.Update request,
            MergePatch patch) {
        return ApiResponse.ok(tasks.update(Authenticated.user(), id, request, patch), "Task updated");
    }

    @DeleteMapping("/{id}")
    @RequiresPermission("leads:write")
    @Operation(summary = "Delete a task")
    ApiResponse<Void> delete(@PathVariable UUID id) {
        tasks.delete(Authenticated.user(), id);
        return ApiResponse.ok(null, "Task deleted");
    }

    private static UUID assignee(CurrentUser user, String assigneeId) {
        if (assigneeId == null || assigneeId.isBlank()) {
            return null;
        }
        if ("me".equals(assigneeId)) {
            return user.userId();
        }
        try {
            return UUID.fromString(assigneeId);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("assignee_id", "must be a user id or me");
        }
    }
}
