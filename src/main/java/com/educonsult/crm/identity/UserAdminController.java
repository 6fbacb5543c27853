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
@RequestMapping("/api/v1/admin/users")
@Tag(name = "User administration")
class UserAdminController {

    private final UserAdministration administration;

    UserAdminController(UserAdministration administration) {
        this.administration = administration;
    }

    @GetMapping
    @RequiresPermission("admin:users")
    @Operation(summary = "List users, searched by name, email or phone and filtered by role, status or branch",
            description = "A branch-scoped caller (a manager) sees only the users of their own branch.")
    ApiResponse<List<ManagedUserView>> list(
            @RequestParam(required = false) @Size(max = 200) String search,
            @RequestParam(required = false) @Size(max = 50) String role,
            @RequestParam(required = false) String status,
            @RequestParam(name = "branch_id", required = false) UUID branchId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset) {
        var filter = new UserAdministration.Filter(search, role, status, branchId);
        return ApiResponse.page(administration.list(Authenticated.user(), filter, PageRequest.of(limit, offset)));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("admin:users")
    @Operation(summary = "Create a user with a password, or invite them by email to set one")
    ApiResponse<ManagedUserView> create(@Valid @RequestBody UserRequests.Create request) {
        ManagedUserView created = administration.create(Authenticated.user(), request);
        return ApiResponse.ok(created, created.invitationPending() ? "User invited" : "User created");
    }

    @GetMapping("/{id}")
    @RequiresPermission("admin:users")
    @Operation(summary = "One user with roles and status")
    ApiResponse<ManagedUserView> get(@PathVariable UUID id) {
        return ApiResponse.ok(administration.get(Authenticated.user(), id));
    }

    @PatchMapping("/{id}")
    @RequiresPermission("admin:users")
    @Operation(summary = "Change a user's profile, branch, roles, password or active flag",
            description = "Deactivating ends every session of the user at once; nobody can deactivate themself. "
                    + "branch_id null takes the user out of every branch (an admin's change).")
    @RefusesNull({"first_name", "email", "roles", "active", "password"})
    ApiResponse<ManagedUserView> update(@PathVariable UUID id, @Valid @RequestBody UserRequests.Update request,
            MergePatch patch) {
        return ApiResponse.ok(administration.update(Authenticated.user(), id, request, patch), "User updated");
    }

    @DeleteMapping("/{id}")
    @RequiresPermission("admin:users")
    @Operation(summary = "Delete a user: deactivated, hidden and logged out everywhere; nobody can delete themself")
    ApiResponse<Void> delete(@PathVariable UUID id) {
        administration.delete(Authenticated.user(), id);
        return ApiResponse.ok(null, "User deleted");
    }

    @PostMapping("/bulk-action")
    @RequiresPermission("admin:users")
    @Operation(summary = "Activate, deactivate or delete up to 500 users, with an outcome per user")
    ApiResponse<UserAdministration.BulkResult> bulk(@Valid @RequestBody UserRequests.BulkAction request) {
        return ApiResponse.ok(administration.bulk(Authenticated.user(), request));
    }

    @PostMapping("/{id}/impersonate")
    @RequiresPermission("admin:impersonate")
    @Operation(summary = "Log in as a non-admin user for at most an hour",
            description = "The tokens are marked as impersonation; everything done with them is audited with the admin.")
    ApiResponse<AuthViews.Tokens> impersonate(@PathVariable UUID id) {
        return ApiResponse.ok(administration.impersonate(Authenticated.user(), id), "Impersonating");
    }
}
