package com.educonsult.crm.identity;

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
@RequestMapping("/api/v1/admin")
@Tag(name = "Roles and permissions")
class RoleController {

    private final Roles roles;

    RoleController(Roles roles) {
        this.roles = roles;
    }

    @GetMapping("/roles")
    @RequiresPermission("admin:roles")
    @Operation(summary = "List the roles with their permissions and how many users hold each")
    ApiResponse<List<Roles.RoleView>> list() {
        return ApiResponse.ok(roles.list(Authenticated.user().organizationId()));
    }

    @GetMapping("/roles/{id}")
    @RequiresPermission("admin:roles")
    @Operation(summary = "One role with its permissions")
    ApiResponse<Roles.RoleView> get(@PathVariable UUID id) {
        return ApiResponse.ok(roles.get(Authenticated.user().organizationId(), id));
    }

    @PostMapping("/roles")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("admin:roles")
    @Operation(summary = "Create a custom role from permissions of the catalogue")
    ApiResponse<Roles.RoleView> create(@Valid @RequestBody RoleRequests.Create request) {
        return ApiResponse.ok(roles.create(Authenticated.user(), request), "Role created");
    }

    @PatchMapping("/roles/{id}")
    @RequiresPermission("admin:roles")
    @Operation(summary = "Change a role",
            description = "System roles keep their code and data scope; the admin role keeps every permission. "
                    + "permissions replaces the role's permissions (an empty list removes them).")
    @RefusesNull({"code", "name", "data_scope", "permissions"})
    ApiResponse<Roles.RoleView> update(@PathVariable UUID id, @Valid @RequestBody RoleRequests.Update request,
            MergePatch patch) {
        return ApiResponse.ok(roles.update(Authenticated.user(), id, request, patch), "Role updated");
    }

    @DeleteMapping("/roles/{id}")
    @RequiresPermission("admin:roles")
    @Operation(summary = "Delete a custom role that no user holds",
            description = "System roles cannot be deleted (422); a role still assigned to users is a conflict (409).")
    ApiResponse<Void> delete(@PathVariable UUID id) {
        roles.delete(Authenticated.user(), id);
        return ApiResponse.ok(null, "Role deleted");
    }

    @GetMapping("/permissions")
    @RequiresPermission("admin:roles")
    @Operation(summary = "The permission catalogue, each permission with its category")
    ApiResponse<List<Roles.PermissionView>> permissions() {
        return ApiResponse.ok(roles.catalogue());
    }
}
