package com.educonsult.crm.leads;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.RefusesNull;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/lead-statuses")
@Tag(name = "Lead statuses", description = "The organization's pipeline: statuses and which may follow which")
class LeadStatusController {

    private final LeadStatuses statuses;

    LeadStatusController(LeadStatuses statuses) {
        this.statuses = statuses;
    }

    @GetMapping
    @RequiresPermission("leads:read")
    @Operation(summary = "Every status of the pipeline, active or not, in order, with its allowed next statuses "
            + "(an empty list allows every status)")
    ApiResponse<List<LeadStatus>> list() {
        return ApiResponse.ok(statuses.list(organizationId()));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("settings:manage")
    @Operation(summary = "Create a status; is_default makes it the one default status")
    ApiResponse<LeadStatus> create(@Valid @RequestBody StatusRequests.Create request) {
        return ApiResponse.ok(statuses.create(organizationId(), request), "Status created");
    }

    @PatchMapping("/{id}")
    @RequiresPermission("settings:manage")
    @RefusesNull({"name", "code", "color", "position", "is_default", "is_won", "is_lost", "active"})
    @Operation(summary = "Change a status; allowed_next_status_ids replaces its rules (null or an empty list allows "
            + "every status); sla_hours null or 0 removes the SLA")
    ApiResponse<LeadStatus> update(@PathVariable UUID id, @Valid @RequestBody StatusRequests.Update request,
            MergePatch patch) {
        return ApiResponse.ok(statuses.update(organizationId(), id, request, patch), "Status updated");
    }

    @DeleteMapping("/{id}")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Delete a status no lead is or was in (409 otherwise: deactivate it instead)")
    ApiResponse<Void> delete(@PathVariable UUID id) {
        statuses.delete(organizationId(), id);
        return ApiResponse.ok(null, "Status deleted");
    }

    @PostMapping("/pipeline")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Switch to the education or sales pipeline: creates its missing statuses, resets their "
            + "rules, moves leads of other statuses to the status of the same code or the default, deactivates the rest")
    ApiResponse<List<LeadStatus>> switchPipeline(@Valid @RequestBody StatusRequests.SwitchPipeline request) {
        var user = Authenticated.user();
        return ApiResponse.ok(statuses.switchPipeline(user.organizationId(), user.userId(), request.pipeline()),
                "Pipeline switched to " + request.pipeline());
    }

    private static UUID organizationId() {
        return Authenticated.user().organizationId();
    }
}
