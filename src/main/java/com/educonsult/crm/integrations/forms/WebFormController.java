package com.educonsult.crm.integrations.forms;

import com.educonsult.crm.integrations.WebForms;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.RefusesNull;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
@RequestMapping("/api/v1/admin/integrations/forms")
@Tag(name = "Integrations")
class WebFormController {

    private final WebForms forms;

    WebFormController(WebForms forms) {
        this.forms = forms;
    }

    @GetMapping
    @RequiresPermission("settings:manage")
    @Operation(summary = "The organization's website, Google Ads and portal forms, by name")
    ApiResponse<List<WebForms.FormView>> list() {
        return ApiResponse.ok(forms.list(organizationId()));
    }

    @GetMapping("/{id}")
    @RequiresPermission("settings:manage")
    @Operation(summary = "One form, with its endpoint and script addresses")
    ApiResponse<WebForms.FormView> get(@PathVariable UUID id) {
        return ApiResponse.ok(forms.get(organizationId(), id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("settings:manage")
    @Operation(summary = "Create a form with a new unguessable key",
            description = "name and kind are required. A google_ads form created without google_key gets one, "
                    + "returned in this answer only. The website forms (or Google Ads) integration becomes active.")
    ApiResponse<WebForms.FormView> create(@Valid @RequestBody WebForms.FormRequest request) {
        return ApiResponse.ok(forms.create(Authenticated.user(), request), "Form created");
    }

    @PatchMapping("/{id}")
    @RequiresPermission("settings:manage")
    @RefusesNull({"name", "kind", "fields", "field_mapping", "allowed_origins", "active", "rate_limit_per_ip",
            "rate_limit_per_form", "default_tags", "google_key"})
    @Operation(summary = "Change a form (JSON Merge Patch); kind cannot change")
    ApiResponse<WebForms.FormView> update(@PathVariable UUID id, @Valid @RequestBody WebForms.FormRequest request,
            MergePatch patch) {
        return ApiResponse.ok(forms.update(organizationId(), id, request, patch), "Form updated");
    }

    @PostMapping("/{id}/rotate-key")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Give the form a new key: the old snippet and endpoint stop working at once")
    ApiResponse<WebForms.FormView> rotateKey(@PathVariable UUID id) {
        return ApiResponse.ok(forms.rotateKey(organizationId(), id), "Form key changed");
    }

    @DeleteMapping("/{id}")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Delete a form and the record of its submissions; its leads stay")
    ApiResponse<Void> delete(@PathVariable UUID id) {
        forms.delete(organizationId(), id);
        return ApiResponse.ok(null, "Form deleted");
    }

    @GetMapping("/{id}/submissions")
    @RequiresPermission("settings:manage")
    @Operation(summary = "The form's newest submissions and what became of each")
    ApiResponse<List<WebForms.SubmissionView>> submissions(@PathVariable UUID id,
            @RequestParam(required = false, defaultValue = "50") @Min(1) @Max(200) int limit) {
        return ApiResponse.ok(forms.submissions(organizationId(), id, limit));
    }

    private static UUID organizationId() {
        return Authenticated.user().organizationId();
    }
}
