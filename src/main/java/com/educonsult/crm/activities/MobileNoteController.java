package com.educonsult.crm.activities;

import com.educonsult.crm.activities.MobileNoteRequests.MobileNoteList;
import com.educonsult.crm.activities.MobileNoteRequests.MobileNotePaging;
import com.educonsult.crm.activities.MobileNoteRequests.MobileNoteSave;
import com.educonsult.crm.activities.MobileNoteViews.MobileCallbacksDue;
import com.educonsult.crm.activities.MobileNoteViews.MobileNotePage;
import com.educonsult.crm.activities.MobileNoteViews.MobileNoteSaved;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.MobileResponse;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The Android app's note and callback routes (seed 01's router), on the services of the canonical API. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Android app")
class MobileNoteController {

    private static final int DEFAULT_PAGE_SIZE = 20;

    private final Notes notes;
    private final NoteTaking noteTaking;

    MobileNoteController(Notes notes, NoteTaking noteTaking) {
        this.notes = notes;
        this.noteTaking = noteTaking;
    }

    @PostMapping("/lead/saveNote")
    @RequiresPermission("leads:write")
    @Operation(summary = "Add a note to a lead (the call's note when call_log_id is given), optionally with a "
            + "follow-up for the caller at follow_up_date titled by reminder_note, and a status change by the "
            + "pipeline's rules; all or nothing")
    MobileResponse<MobileNoteSaved> save(@Valid @RequestBody MobileNoteSave request) {
        return MobileResponse.ok(noteTaking.save(Authenticated.user(), request), "Note saved");
    }

    @PostMapping("/lead/note")
    @RequiresPermission("leads:read")
    @Operation(summary = "A lead's notes, newest first; private notes of others are hidden unless an admin asks")
    MobileResponse<MobileNotePage> list(@Valid @RequestBody MobileNoteList request) {
        int pageNo = pageNo(request.pageNo());
        int pageSize = pageSize(request.pageSize());
        return MobileResponse.ok(MobileNotePage.of(notes.list(Authenticated.user(), request.leadId(), null,
                paging(pageNo, pageSize)), pageNo, pageSize));
    }

    @PostMapping("/lead/recent/notes")
    @RequiresPermission("leads:read")
    @Operation(summary = "The latest notes on the leads the caller may see")
    MobileResponse<MobileNotePage> recent(@Valid @RequestBody(required = false) MobileNotePaging request) {
        int pageNo = pageNo(request == null ? null : request.pageNo());
        int pageSize = pageSize(request == null ? null : request.pageSize());
        return MobileResponse.ok(MobileNotePage.of(notes.recent(Authenticated.user(), paging(pageNo, pageSize)),
                pageNo, pageSize));
    }

    @PostMapping("/lead/callBack/totalDue")
    @RequiresPermission("leads:read")
    @Operation(summary = "The caller's open follow-ups due by the end of today (organization's time zone), "
            + "soonest first, with the total and how many are overdue")
    MobileResponse<MobileCallbacksDue> dueCallbacks(@Valid @RequestBody(required = false) MobileNotePaging request) {
        int pageNo = pageNo(request == null ? null : request.pageNo());
        int pageSize = pageSize(request == null ? null : request.pageSize());
        return MobileResponse.ok(noteTaking.dueCallbacks(Authenticated.user(), paging(pageNo, pageSize)));
    }

    private static int pageNo(Integer pageNo) {
        return pageNo == null ? 1 : pageNo;
    }

    private static int pageSize(Integer pageSize) {
        return pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
    }

    private static PageRequest paging(int pageNo, int pageSize) {
        return PageRequest.of(pageSize, (pageNo - 1) * pageSize);
    }
}
