package com.educonsult.crm.calls;

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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Calls")
class CallController {

    private static final String TYPES = "incoming|outgoing|missed|rejected";

    private final CallSync sync;
    private final CallLogs calls;
    private final CallExclusions exclusions;
    private final CallNoteChanges notes;

    CallController(CallSync sync, CallLogs calls, CallExclusions exclusions, CallNoteChanges notes) {
        this.sync = sync;
        this.calls = calls;
        this.exclusions = exclusions;
        this.notes = notes;
    }

    @PostMapping("/api/v1/calls/sync")
    @RequiresPermission("calls:write")
    @Operation(summary = "Sync up to 500 calls of the caller's phone log; each call is stored once per device "
            + "call id, and each item gets its own result: created, duplicate, skipped_excluded or invalid")
    ApiResponse<CallSyncRequests.Result> sync(@Valid @RequestBody CallSyncRequests.Sync request) {
        return ApiResponse.ok(sync.sync(Authenticated.user(), request.callLogs()));
    }

    @GetMapping("/api/v1/calls")
    @RequiresPermission("calls:read")
    @Operation(summary = "Calls within the caller's data scope, newest first, by user, lead, type and time range")
    ApiResponse<List<CallLogs.CallView>> list(@RequestParam(name = "user_id", required = false) UUID userId,
            @RequestParam(name = "lead_id", required = false) UUID leadId,
            @RequestParam(name = "call_type", required = false) @Pattern(regexp = TYPES) String callType,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(calls.list(Authenticated.user(),
                new CallLogs.Filter(userId, leadId, callType, from, to), PageRequest.of(limit, offset)));
    }

    @GetMapping("/api/v1/calls/stats")
    @RequiresPermission("calls:read")
    @Operation(summary = "Per user per day (organization's time zone): counts by type, talk time, unique numbers "
            + "and connected rate")
    ApiResponse<CallLogs.Stats> stats(@RequestParam(name = "user_id", required = false) UUID userId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to) {
        return ApiResponse.ok(calls.stats(Authenticated.user(), new CallLogs.Filter(userId, null, null, from, to)));
    }

    @GetMapping("/api/v1/calls/exclusions")
    @RequiresPermission("calls:read")
    @Operation(summary = "The organization's numbers whose calls are not stored")
    ApiResponse<List<CallExclusions.ExclusionView>> exclusions() {
        return ApiResponse.ok(exclusions.list(Authenticated.user()));
    }

    @PostMapping("/api/v1/calls/exclusions")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("settings:manage")
    @Operation(summary = "Stop storing calls with a number (in any format)")
    ApiResponse<CallExclusions.ExclusionView> exclude(@Valid @RequestBody CallExclusions.Add request) {
        return ApiResponse.ok(exclusions.add(Authenticated.user(), request));
    }

    @DeleteMapping("/api/v1/calls/exclusions/{phone}")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Store calls with a number again")
    ApiResponse<Void> include(@PathVariable String phone) {
        exclusions.remove(Authenticated.user(), phone);
        return ApiResponse.ok(null);
    }

    @GetMapping("/api/v1/calls/{id}")
    @RequiresPermission("calls:read")
    @Operation(summary = "One call within the caller's data scope")
    ApiResponse<CallLogs.CallView> get(@PathVariable UUID id) {
        return ApiResponse.ok(calls.get(Authenticated.user(), id));
    }

    @PatchMapping("/api/v1/calls/{id}/notes")
    @RequiresPermission("calls:write")
    @Operation(summary = "Change a call's notes from the console; the lead's note for the call follows, and the "
            + "caller's phone fetches the change through its notes-changed-on-the-web route")
    @RefusesNull("notes")
    ApiResponse<CallLogs.CallView> changeNotes(@PathVariable UUID id,
            @Valid @RequestBody CallNoteChanges.Change request, MergePatch patch) {
        return ApiResponse.ok(notes.fromWeb(Authenticated.user(), id, request.notes()));
    }

    @GetMapping("/api/v1/leads/{id}/calls")
    @RequiresPermission("calls:read")
    @Operation(summary = "The calls with a lead the caller may see, newest first")
    ApiResponse<List<CallLogs.CallView>> forLead(@PathVariable UUID id,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(calls.forLead(Authenticated.user(), id, PageRequest.of(limit, offset)));
    }
}
