package com.educonsult.crm.calls;

import com.educonsult.crm.calls.MobileCallRequests.MobileCallDetails;
import com.educonsult.crm.calls.MobileCallRequests.MobileCallNote;
import com.educonsult.crm.calls.MobileCallRequests.MobileCallNoteSync;
import com.educonsult.crm.calls.MobileCallRequests.MobileCallNotesSince;
import com.educonsult.crm.calls.MobileCallRequests.MobileCallSync;
import com.educonsult.crm.calls.MobileCallRequests.MobileEmployeeCalls;
import com.educonsult.crm.calls.MobileCallRequests.MobileLeadCallSummary;
import com.educonsult.crm.calls.MobileCallRequests.MobileLeadCalls;
import com.educonsult.crm.calls.MobileCallViews.MobileCallExclusion;
import com.educonsult.crm.calls.MobileCallViews.MobileCallNoteResult;
import com.educonsult.crm.calls.MobileCallViews.MobileCallNoteSyncResult;
import com.educonsult.crm.calls.MobileCallViews.MobileCallPage;
import com.educonsult.crm.calls.MobileCallViews.MobileCallSummary;
import com.educonsult.crm.calls.MobileCallViews.MobileCallSyncResult;
import com.educonsult.crm.calls.MobileCallViews.MobileCallView;
import com.educonsult.crm.calls.MobileCallViews.MobileCallWebNotes;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MobileResponse;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The Android app's call routes (seed 01's router), on the services of the canonical call API. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Android app")
class MobileCallController {

    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final int MAX_NOTE_LENGTH = 20_000;

    private final CallSync sync;
    private final CallLogs calls;
    private final CallNoteChanges notes;
    private final CallExclusions exclusions;

    MobileCallController(CallSync sync, CallLogs calls, CallNoteChanges notes, CallExclusions exclusions) {
        this.sync = sync;
        this.calls = calls;
        this.notes = notes;
        this.exclusions = exclusions;
    }

    @PostMapping("/callLog/sync")
    @RequiresPermission("calls:write")
    @Operation(summary = "Sync up to 500 calls of the phone's log (the canonical call sync): stored once per "
            + "deviceCallId; each item is created, duplicate, skipped_excluded or invalid with its reason")
    MobileResponse<MobileCallSyncResult> sync(@Valid @RequestBody MobileCallSync request) {
        return MobileResponse.ok(MobileCallSyncResult.of(sync.sync(Authenticated.user(), request.items())));
    }

    @PostMapping("/callLog/getDetails")
    @RequiresPermission("calls:read")
    @Operation(summary = "One call within the caller's data scope")
    MobileResponse<MobileCallView> details(@Valid @RequestBody MobileCallDetails request) {
        return MobileResponse.ok(MobileCallView.of(calls.get(Authenticated.user(), request.callLogId())));
    }

    @PostMapping("/callLog/sync/note")
    @RequiresPermission("calls:write")
    @Operation(summary = "Notes the app took on the caller's own calls (up to 500): stored on the call and as the "
            + "lead's note for the call; each item is saved, unchanged, not_found or invalid")
    MobileResponse<MobileCallNoteSyncResult> syncNotes(@Valid @RequestBody MobileCallNoteSync request) {
        CurrentUser user = Authenticated.user();
        List<MobileCallNoteResult> results = new ArrayList<>();
        for (int i = 0; i < request.notes().size(); i++) {
            results.add(syncNote(user, i, request.notes().get(i)));
        }
        int synced = (int) results.stream().filter(r -> r.result().equals("saved") || r.result().equals("unchanged"))
                .count();
        return MobileResponse.ok(new MobileCallNoteSyncResult(synced, results.size(), results));
    }

    private MobileCallNoteResult syncNote(CurrentUser user, int index, MobileCallNote note) {
        String invalid = note == null ? "missing note"
                : note.callLogId() == null ? "callLogId is required"
                : note.content() == null || note.content().isBlank() ? "content is required"
                : note.content().length() > MAX_NOTE_LENGTH ? "content is too long" : null;
        if (invalid != null) {
            return new MobileCallNoteResult(index, note == null ? null : note.callLogId(), "invalid", invalid);
        }
        CallNoteChanges.Outcome outcome = notes.fromApp(user, note.callLogId(), note.content());
        return new MobileCallNoteResult(index, note.callLogId(), outcome.name().toLowerCase(java.util.Locale.ROOT),
                null);
    }

    @PostMapping("/callLog/getByNotesUpdatedAtWeb")
    @RequiresPermission("calls:read")
    @Operation(summary = "The caller's calls whose notes were changed on the web after 'since' (at most 500, oldest "
            + "change first), and the server time to ask from next")
    MobileResponse<MobileCallWebNotes> notesChangedOnWeb(@Valid @RequestBody MobileCallNotesSince request) {
        CallLogs.WebNotes changed = calls.notesChangedOnWeb(Authenticated.user(), request.since());
        return MobileResponse.ok(new MobileCallWebNotes(changed.calls().stream().map(MobileCallView::of).toList(),
                changed.serverTime()));
    }

    @PostMapping("/lead/callLogs/getActive")
    @RequiresPermission("calls:read")
    @Operation(summary = "The calls with a lead the caller may see, newest first (pageNo from 1, pageSize up to 200)")
    MobileResponse<MobileCallPage> leadCalls(@Valid @RequestBody MobileLeadCalls request) {
        int pageNo = request.pageNo() == null ? 1 : request.pageNo();
        int pageSize = request.pageSize() == null ? DEFAULT_PAGE_SIZE : request.pageSize();
        return MobileResponse.ok(MobileCallPage.of(calls.forLead(Authenticated.user(), request.leadId(),
                paging(pageNo, pageSize)), pageNo, pageSize));
    }

    @PostMapping("/lead/callLogs/getSummary")
    @RequiresPermission("calls:read")
    @Operation(summary = "A lead's call totals: by type, connected, attempts, talk time, first and last call")
    MobileResponse<MobileCallSummary> leadSummary(@Valid @RequestBody MobileLeadCallSummary request) {
        return MobileResponse.ok(MobileCallSummary.of(calls.summary(Authenticated.user(), request.leadId())));
    }

    @PostMapping("/employee/get/callLogs")
    @RequiresPermission("calls:read")
    @Operation(summary = "A user's calls (the caller's by default) between fromDate and toDate (inclusive, in the "
            + "organization's time zone), newest first; others' calls only within the caller's data scope")
    MobileResponse<MobileCallPage> employeeCalls(@Valid @RequestBody MobileEmployeeCalls request) {
        if (request.fromDate() != null && request.toDate() != null && request.toDate().isBefore(request.fromDate())) {
            throw ApiException.invalid("toDate", "must not be before fromDate");
        }
        CurrentUser user = Authenticated.user();
        int pageNo = request.pageNo() == null ? 1 : request.pageNo();
        int pageSize = request.pageSize() == null ? DEFAULT_PAGE_SIZE : request.pageSize();
        return MobileResponse.ok(MobileCallPage.of(calls.onDays(user,
                request.userId() == null ? user.userId() : request.userId(), request.callType(), request.fromDate(),
                request.toDate(), paging(pageNo, pageSize)), pageNo, pageSize));
    }

    @PostMapping("/employee/customer/excludeList")
    @RequiresPermission("calls:read")
    @Operation(summary = "The organization's numbers whose calls are not stored")
    MobileResponse<List<MobileCallExclusion>> excludeList() {
        return MobileResponse.ok(exclusions.list(Authenticated.user()).stream()
                .map(e -> new MobileCallExclusion(e.phoneE164(), e.reason(), e.createdAt())).toList());
    }

    private static PageRequest paging(int pageNo, int pageSize) {
        return PageRequest.of(pageSize, (pageNo - 1) * pageSize);
    }
}
