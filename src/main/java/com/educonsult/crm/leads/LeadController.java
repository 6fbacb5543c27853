package com.educonsult.crm.leads;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiError;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.CursorPage;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.platform.web.RefusesNull;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/leads")
@Tag(name = "Leads", description = "Prospective students: every list and read is limited to the caller's data scope")
class LeadController {

    record MergeRequest(@NotNull UUID mergeLeadId) {
    }

    private final Leads leads;
    private final LeadSelections selections;
    private final LeadSearch search;
    private final LeadDuplicates duplicates;
    private final JsonMapper json;

    LeadController(Leads leads, LeadSelections selections, LeadSearch search, LeadDuplicates duplicates,
            JsonMapper json) {
        this.leads = leads;
        this.selections = selections;
        this.search = search;
        this.duplicates = duplicates;
        this.json = json;
    }

    @GetMapping
    @RequiresPermission("leads:read")
    @Operation(summary = "List leads: filters status (ids or codes), source, platform, priority, engagement "
            + "(comma lists), assigned_to (user id, me, unassigned), branch_id, tags (any of), created_from/to, "
            + "follow_up_from/to (ISO dates or date-times), not_contacted, search (words by prefix, a fragment of a "
            + "name or digits of a phone), include_deleted (admins); sort "
            + "created_at|updated_at|next_follow_up_date|name|priority, order asc|desc; limit/offset, or cursor "
            + "(meta.next_cursor) for the default order")
    ApiResponse<List<LeadView>> list(
            @ParameterObject LeadListParams params,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) String cursor) {
        LeadFilter filter = params.toFilter();
        return page(this.search.list(Authenticated.user(), filter, limit, offset, cursor));
    }

    @GetMapping("/unassigned")
    @RequiresPermission("leads:assign")
    @Operation(summary = "Live leads nobody works yet, newest first, within the caller's scope")
    ApiResponse<List<LeadView>> unassigned(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset, @RequestParam(required = false) String cursor) {
        return page(search.list(Authenticated.user(), LeadFilter.none().withAssignedTo("unassigned"), limit, offset,
                cursor));
    }

    @GetMapping("/my-leads")
    @RequiresPermission("leads:read")
    @Operation(summary = "Live leads assigned to the caller, newest first")
    ApiResponse<List<LeadView>> mine(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset, @RequestParam(required = false) String cursor) {
        return page(search.list(Authenticated.user(), LeadFilter.none().withAssignedTo("me"), limit, offset, cursor));
    }

    @GetMapping("/counts")
    @RequiresPermission("leads:read")
    @Operation(summary = "Live leads per status of the pipeline, within the caller's scope")
    ApiResponse<List<LeadSearch.StatusCount>> counts() {
        return ApiResponse.ok(search.counts(Authenticated.user()));
    }

    @GetMapping("/tags")
    @RequiresPermission("leads:read")
    @Operation(summary = "The tags of the caller's live leads with how many leads carry each")
    ApiResponse<List<LeadSearch.TagCount>> tags() {
        return ApiResponse.ok(search.tags(Authenticated.user()));
    }

    @GetMapping("/by-phone/{phone}")
    @RequiresPermission("leads:read")
    @Operation(summary = "Live leads with the number as primary or secondary phone, however it is written "
            + "(098765 43210, +91 98765-43210 and 9876543210 all find +919876543210)")
    ApiResponse<List<LeadView>> byPhone(@PathVariable String phone) {
        return ApiResponse.ok(search.byPhone(Authenticated.user(), phone));
    }

    @GetMapping("/duplicates")
    @RequiresPermission("leads:read")
    @Operation(summary = "Groups of live leads sharing a phone (primary or secondary) or an email, within the "
            + "caller's scope")
    ApiResponse<List<LeadDuplicates.DuplicateGroup>> duplicates(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(duplicates.groups(Authenticated.user(), PageRequest.of(limit, offset)));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("leads:write")
    @Operation(summary = "Create a lead; 409 with data.existing_lead_id when a live lead has the same phone or email "
            + "(unless allow_duplicate); a counselor or agent creating it works it unless auto-assignment assigns it")
    ApiResponse<LeadView> create(@Valid @RequestBody LeadRequest request) {
        return ApiResponse.ok(leads.create(Authenticated.user(), request), "Lead created");
    }

    @PostMapping("/bulk")
    @RequiresPermission("leads:write")
    @Operation(summary = "Assign, move to a status or tag up to 500 leads picked by hand",
            description = "Each lead is changed as if alone (same rules, audit and events); leads the rules refuse are "
                    + "listed in failed with the reason, the others are changed. Assigning needs leads:assign.")
    ApiResponse<LeadSelections.Outcome> bulk(@Valid @RequestBody LeadSelections.Action action) {
        return ApiResponse.ok(selections.apply(Authenticated.user(), action));
    }

    @GetMapping("/{id}")
    @RequiresPermission("leads:read")
    @Operation(summary = "One lead")
    ApiResponse<LeadView> get(@PathVariable UUID id) {
        return ApiResponse.ok(leads.get(Authenticated.user(), id));
    }

    @PatchMapping("/{id}")
    @RequiresPermission("leads:write")
    @RefusesNull({"first_name", "priority", "platform", "budget_currency", "status_id", "status"})
    @Operation(summary = "Change a lead: a status change follows the pipeline's rules and opens a stage; "
            + "assigned_to is refused (use /api/v1/assignments)",
            description = "Null or an empty list clears a list to empty; null on custom_fields removes every custom "
                    + "field, and a key set to null inside it removes that key.")
    ApiResponse<LeadView> update(@PathVariable UUID id, @Valid @RequestBody LeadRequest request, MergePatch patch) {
        return ApiResponse.ok(leads.update(Authenticated.user(), id, request, patch), "Lead updated");
    }

    @DeleteMapping("/{id}")
    @RequiresPermission("leads:delete")
    @Operation(summary = "Delete a lead (it can be restored)")
    ApiResponse<Void> delete(@PathVariable UUID id) {
        leads.delete(Authenticated.user(), id);
        return ApiResponse.ok(null, "Lead deleted");
    }

    @PostMapping("/{id}/restore")
    @RequiresPermission("leads:delete")
    @Operation(summary = "Restore a deleted lead")
    ApiResponse<LeadView> restore(@PathVariable UUID id) {
        return ApiResponse.ok(leads.restore(Authenticated.user(), id), "Lead restored");
    }

    @PostMapping("/{id}/merge")
    @RequiresPermission("leads:write")
    @Operation(summary = "Fold merge_lead_id into this lead: empty fields filled, lists united, call statistics "
            + "added, stages, assignments (and other modules' records) moved; the merged lead is deleted")
    ApiResponse<LeadView> merge(@PathVariable UUID id, @Valid @RequestBody MergeRequest request) {
        return ApiResponse.ok(duplicates.merge(Authenticated.user(), id, request.mergeLeadId()), "Leads merged");
    }

    /** The error envelope of a duplicate, with the existing lead's id in {@code data.existing_lead_id}. */
    @ExceptionHandler(DuplicateLeadException.class)
    ResponseEntity<Map<String, Object>> duplicate(DuplicateLeadException e) {
        Map<String, Object> body = new LinkedHashMap<>(json.convertValue(
                ApiError.of(e.status(), e.getMessage(), e.errors()), Map.class));
        body.put("data", Map.of("existing_lead_id", e.existingLeadId()));
        return ResponseEntity.status(e.status()).body(body);
    }

    private static ApiResponse<List<LeadView>> page(CursorPage<LeadView> page) {
        return page.response();
    }
}
