package com.educonsult.crm.activities;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.platform.web.RefusesNull;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
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
@RequestMapping("/api/v1")
@Tag(name = "Notes")
class NoteController {

    private final Notes notes;

    NoteController(Notes notes) {
        this.notes = notes;
    }

    @GetMapping("/leads/{id}/notes")
    @RequiresPermission("leads:read")
    @Operation(summary = "A lead's notes, newest first; private notes of others are hidden unless an admin asks")
    ApiResponse<List<Notes.NoteView>> list(@PathVariable UUID id,
            @RequestParam(required = false) @Pattern(regexp = NoteRequests.TYPES) String type,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(notes.list(Authenticated.user(), id, type, PageRequest.of(limit, offset)));
    }

    @PostMapping("/leads/{id}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("leads:write")
    @Operation(summary = "Add a note to a lead; a reminder_at also gives the author a follow-up task")
    ApiResponse<Notes.NoteView> create(@PathVariable UUID id, @Valid @RequestBody NoteRequests.Create request) {
        return ApiResponse.ok(notes.create(Authenticated.user(), id, request), "Note added");
    }

    @PatchMapping("/notes/{id}")
    @RequiresPermission("leads:write")
    @Operation(summary = "Change a note (its author or an admin); changing the text of a call's note changes the "
            + "call's note too, and the caller's phone gets it from /callLog/getByNotesUpdatedAtWeb",
            description = "reminder_at null (or clear_reminder true) cancels the reminder's open follow-up; tags null "
                    + "or an empty list removes every tag.")
    @RefusesNull({"type", "content", "priority", "is_private"})
    ApiResponse<Notes.NoteView> update(@PathVariable UUID id, @Valid @RequestBody NoteRequests.Update request,
            MergePatch patch) {
        return ApiResponse.ok(notes.update(Authenticated.user(), id, request, patch), "Note updated");
    }

    @DeleteMapping("/notes/{id}")
    @RequiresPermission("leads:write")
    @Operation(summary = "Delete a note (its author or an admin); its open reminder is cancelled")
    ApiResponse<Void> delete(@PathVariable UUID id) {
        notes.delete(Authenticated.user(), id);
        return ApiResponse.ok(null, "Note deleted");
    }

    @GetMapping("/notes/recent")
    @RequiresPermission("leads:read")
    @Operation(summary = "The latest notes on the leads the caller may see")
    ApiResponse<List<Notes.NoteView>> recent(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(notes.recent(Authenticated.user(), PageRequest.of(limit, offset)));
    }
}
