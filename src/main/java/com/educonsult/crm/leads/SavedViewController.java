package com.educonsult.crm.leads;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/leads/views")
@Tag(name = "Leads")
class SavedViewController {

    private final SavedViews views;

    SavedViewController(SavedViews views) {
        this.views = views;
    }

    @GetMapping
    @RequiresPermission("leads:read")
    @Operation(summary = "The caller's saved lead list views and the organization's shared ones")
    ApiResponse<List<SavedViews.SavedView>> list() {
        return ApiResponse.ok(views.list(Authenticated.user()));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("leads:read")
    @Operation(summary = "Save a lead list view: its name, filters (the list's query parameters) and columns; "
            + "shared (managers and admins) offers it to the whole organization")
    ApiResponse<SavedViews.SavedView> create(@Valid @RequestBody SavedViews.Save request) {
        return ApiResponse.ok(views.create(Authenticated.user(), request), "View saved");
    }

    @GetMapping("/{id}")
    @RequiresPermission("leads:read")
    @Operation(summary = "One saved view")
    ApiResponse<SavedViews.SavedView> get(@PathVariable UUID id) {
        return ApiResponse.ok(views.get(Authenticated.user(), id));
    }

    @DeleteMapping("/{id}")
    @RequiresPermission("leads:read")
    @Operation(summary = "Remove a saved view: one's own, or a shared one as a manager or admin")
    ApiResponse<Void> delete(@PathVariable UUID id) {
        views.delete(Authenticated.user(), id);
        return ApiResponse.ok(null, "View removed");
    }
}
