package com.educonsult.crm.leads;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/stages")
@Tag(name = "Stages", description = "A lead's way through the pipeline: its stays in each status")
class StageController {

    private final StatusChanges changes;

    StageController(StatusChanges changes) {
        this.changes = changes;
    }

    @PostMapping("/change-status")
    @RequiresPermission("leads:write")
    @Operation(summary = "Move a lead to another status (by status_id or status code) if the pipeline's rules allow "
            + "it (422 naming the allowed statuses otherwise); closes the open stage and opens the next")
    ApiResponse<StatusChanges.Change> changeStatus(@Valid @RequestBody StageRequests.ChangeStatus request) {
        if (request.statusId() == null && request.status() == null) {
            throw ApiException.invalid("status_id", "status_id or status is required");
        }
        StatusChanges.Change change = changes.change(Authenticated.user(), request.leadId(), request.statusId(),
                request.status(), request.notes(), request.nextAction());
        return ApiResponse.ok(change, "Lead status changed from '" + change.previousStatus().name() + "' to '"
                + change.newStatus().name() + "'");
    }

    @GetMapping("/lead/{id}/current")
    @RequiresPermission("leads:read")
    @Operation(summary = "The lead's open stage")
    ApiResponse<StageView> current(@PathVariable UUID id) {
        return ApiResponse.ok(changes.current(Authenticated.user(), id));
    }

    @GetMapping("/lead/{id}/history")
    @RequiresPermission("leads:read")
    @Operation(summary = "Every stage of the lead, oldest first: status, entered/exited, duration, who, notes, "
            + "SLA due time and whether it was breached")
    ApiResponse<List<StageView>> history(@PathVariable UUID id) {
        return ApiResponse.ok(changes.history(Authenticated.user(), id));
    }

    @GetMapping("/lead/{id}/next-statuses")
    @RequiresPermission("leads:read")
    @Operation(summary = "The statuses the lead may move to now")
    ApiResponse<StatusChanges.NextStatuses> next(@PathVariable UUID id) {
        return ApiResponse.ok(changes.next(Authenticated.user(), id));
    }

    @PutMapping("/update-notes")
    @RequiresPermission("leads:write")
    @Operation(summary = "Change the notes and next action of a stage")
    ApiResponse<StageView> updateNotes(@Valid @RequestBody StageRequests.UpdateNotes request) {
        return ApiResponse.ok(changes.updateNotes(Authenticated.user(), request.stageId(), request.notes(),
                request.nextAction()), "Stage notes updated");
    }
}
