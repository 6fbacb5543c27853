package com.educonsult.crm.messaging;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
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
@RequestMapping("/api/v1/templates/notes")
@Tag(name = "Templates")
class NoteTemplateController {

    private final NoteTemplates templates;

    NoteTemplateController(NoteTemplates templates) {
        this.templates = templates;
    }

    @GetMapping
    @RequiresPermission("templates:read")
    @Operation(summary = "List note templates by category and title; filter by category, active and text")
    ApiResponse<List<NoteTemplates.NoteTemplateView>> list(
            @RequestParam(required = false) @Size(max = 50) String category,
            @RequestParam(required = false) @Size(max = 200) String search,
            @RequestParam(required = false) Boolean active,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        var filter = new NoteTemplates.Filter(category, search, active);
        return ApiResponse.page(templates.list(user().organizationId(), filter, PageRequest.of(limit, offset)));
    }

    @GetMapping("/{id}")
    @RequiresPermission("templates:read")
    @Operation(summary = "One note template")
    ApiResponse<NoteTemplates.NoteTemplateView> get(@PathVariable UUID id) {
        return ApiResponse.ok(templates.get(user().organizationId(), id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("templates:write")
    @Operation(summary = "Create a note template")
    ApiResponse<NoteTemplates.NoteTemplateView> create(@Valid @RequestBody TemplateRequests.CreateNoteTemplate request) {
        var user = user();
        return ApiResponse.ok(templates.create(user.organizationId(), user.userId(), request), "Note template created");
    }

    @PatchMapping("/{id}")
    @RequiresPermission("templates:write")
    @RefusesNull({"title", "content", "category", "active"})
    @Operation(summary = "Change a note template")
    ApiResponse<NoteTemplates.NoteTemplateView> update(@PathVariable UUID id,
            @Valid @RequestBody TemplateRequests.UpdateNoteTemplate request, MergePatch patch) {
        return ApiResponse.ok(templates.update(user().organizationId(), id, request), "Note template updated");
    }

    @DeleteMapping("/{id}")
    @RequiresPermission("templates:write")
    @Operation(summary = "Delete a note template")
    ApiResponse<Void> delete(@PathVariable UUID id) {
        templates.delete(user().organizationId(), id);
        return ApiResponse.ok(null, "Note template deleted");
    }

    private static CurrentUser user() {
        return Authenticated.user();
    }
}
