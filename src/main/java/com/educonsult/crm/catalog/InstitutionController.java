package com.educonsult.crm.catalog;

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
@RequestMapping("/api/v1/catalog/institutions")
@Tag(name = "Catalogue")
class InstitutionController {

    private final Institutions institutions;

    InstitutionController(Institutions institutions) {
        this.institutions = institutions;
    }

    @GetMapping
    @RequiresPermission("catalog:read")
    @Operation(summary = "List institutions by name; filter by country (code or name), type, partner, active, text")
    ApiResponse<List<Institutions.InstitutionView>> list(
            @RequestParam(required = false) @Size(max = 100) String country,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) @Size(max = 200) String search,
            @RequestParam(name = "partner_only", required = false, defaultValue = "false") boolean partnerOnly,
            @RequestParam(required = false) Boolean active,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        var filter = new Institutions.Filter(country, type, search, partnerOnly, active);
        return ApiResponse.page(institutions.list(organizationId(), filter, PageRequest.of(limit, offset)));
    }

    @GetMapping("/{id}")
    @RequiresPermission("catalog:read")
    @Operation(summary = "One institution, with its number of courses")
    ApiResponse<Institutions.InstitutionView> get(@PathVariable UUID id) {
        return ApiResponse.ok(institutions.get(organizationId(), id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("catalog:write")
    @Operation(summary = "Create an institution; its name must be unique in its country, ignoring case")
    ApiResponse<Institutions.InstitutionView> create(@Valid @RequestBody CatalogRequests.CreateInstitution request) {
        return ApiResponse.ok(institutions.create(organizationId(), request), "Institution created");
    }

    @PatchMapping("/{id}")
    @RequiresPermission("catalog:write")
    @RefusesNull({"name", "country_code", "type", "is_partner", "active"})
    @Operation(summary = "Change an institution")
    ApiResponse<Institutions.InstitutionView> update(@PathVariable UUID id,
            @Valid @RequestBody CatalogRequests.UpdateInstitution request, MergePatch patch) {
        return ApiResponse.ok(institutions.update(organizationId(), id, request, patch), "Institution updated");
    }

    @DeleteMapping("/{id}")
    @RequiresPermission("catalog:write")
    @Operation(summary = "Delete an institution that has no courses (409 otherwise)")
    ApiResponse<Void> delete(@PathVariable UUID id) {
        institutions.delete(organizationId(), id);
        return ApiResponse.ok(null, "Institution deleted");
    }

    private static UUID organizationId() {
        return Authenticated.user().organizationId();
    }
}
