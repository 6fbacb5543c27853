package com.educonsult.crm.identity;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.RefusesNull;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/organization")
@Tag(name = "Organization")
class OrganizationController {

    private final OrganizationSettings settings;

    OrganizationController(OrganizationSettings settings) {
        this.settings = settings;
    }

    @GetMapping
    @RequiresPermission("organization:read")
    @Operation(summary = "The settings of the caller's organization, with its plan and storage quota")
    ApiResponse<OrganizationSettings.OrganizationView> get() {
        return ApiResponse.ok(settings.get(Authenticated.user().organizationId()));
    }

    @PatchMapping
    @RequiresPermission("organization:write")
    @Operation(summary = "Change the organization's settings",
            description = "The subscription plan, its expiry and the storage quota are not changed here. settings "
                    + "merges into the stored settings (RFC 7396); settings null removes every setting.")
    @RefusesNull({"name", "time_zone", "currency", "recording_retention_days"})
    ApiResponse<OrganizationSettings.OrganizationView> update(@Valid @RequestBody OrganizationRequests.Update request,
            MergePatch patch) {
        return ApiResponse.ok(settings.update(Authenticated.user().organizationId(), request, patch),
                "Organization updated");
    }
}
