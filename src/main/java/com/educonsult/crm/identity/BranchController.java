package com.educonsult.crm.identity;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.platform.web.RefusesNull;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/branches")
@Tag(name = "Branches")
class BranchController {

    private final Branches branches;

    BranchController(Branches branches) {
        this.branches = branches;
    }

    @GetMapping
    @RequiresPermission("branches:read")
    @Operation(summary = "List the branches, optionally searched by name, code or city")
    ApiResponse<List<Branches.BranchView>> list(@RequestParam(required = false) @Size(max = 200) String search,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(branches.list(organizationId(), search, PageRequest.of(limit, offset)));
    }

    @GetMapping("/{id}")
    @RequiresPermission("branches:read")
    @Operation(summary = "One branch")
    ApiResponse<Branches.BranchView> get(@PathVariable UUID id) {
        return ApiResponse.ok(branches.get(organizationId(), id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("branches:write")
    @Operation(summary = "Create a branch; its name must be unique in the organization, ignoring case")
    ApiResponse<Branches.BranchView> create(@Valid @RequestBody BranchRequests.Create request) {
        return ApiResponse.ok(branches.create(organizationId(), request), "Branch created");
    }

    @PatchMapping("/{id}")
    @RequiresPermission("branches:write")
    @RefusesNull({"name", "active"})
    @Operation(summary = "Change a branch")
    ApiResponse<Branches.BranchView> update(@PathVariable UUID id, @Valid @RequestBody BranchRequests.Update request,
            MergePatch patch) {
        return ApiResponse.ok(branches.update(organizationId(), id, request, patch), "Branch updated");
    }

    @DeleteMapping("/{id}")
    @RequiresPermission("branches:write")
    @Operation(summary = "Delete a branch that has no users (409 otherwise)")
    ApiResponse<Void> delete(@PathVariable UUID id) {
        branches.delete(organizationId(), id);
        return ApiResponse.ok(null, "Branch deleted");
    }

    private static UUID organizationId() {
        return Authenticated.user().organizationId();
    }
}
