package com.educonsult.crm.activities;

import com.educonsult.crm.activities.MobileNoteViews.MobileCallback;
import com.educonsult.crm.activities.MobileNoteViews.MobileCallbacksDue;
import com.educonsult.crm.activities.MobileNoteViews.MobileNoteLead;
import com.educonsult.crm.activities.MobileNoteViews.MobileNoteSaved;
import com.educonsult.crm.activities.MobileNoteViews.MobileNoteView;
import com.educonsult.crm.calls.CallNotes;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.leads.LeadDirectory;
import com.educonsult.crm.leads.LeadSummary;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The note a counselor takes after a call, in one go as the app sends it: the note (the call's note when it is
 * about a call), a follow-up for the caller, and the lead's new status by the pipeline's rules.
 */
@Service
class NoteTaking {

    private final Notes notes;
    private final Tasks tasks;
    private final LeadAccess access;
    private final LeadDirectory leads;
    private final CallNotes callNotes;
    private final UserDirectory users;
    private final Clock clock;

    NoteTaking(Notes notes, Tasks tasks, LeadAccess access, LeadDirectory leads, CallNotes callNotes,
            UserDirectory users, Clock clock) {
        this.notes = notes;
        this.tasks = tasks;
        this.access = access;
        this.leads = leads;
        this.callNotes = callNotes;
        this.users = users;
        this.clock = clock;
    }

    @Transactional
    MobileNoteSaved save(CurrentUser user, MobileNoteRequests.MobileNoteSave request) {
        if (request.reminderNote() != null && !request.reminderNote().isBlank() && request.followUpDate() == null) {
            throw ApiException.invalid("follow_up_date", "is required with reminder_note");
        }
        LeadSummary lead = access.forWriting(user, request.leadId());
        Notes.NoteView note;
        if (request.callLogId() != null) {
            if (!user.can("calls:write")) {
                throw ApiException.forbidden("A note on a call needs the calls:write permission");
            }
            callNotes.saveFromApp(user, request.callLogId(), lead.id(), request.content(), "call_log_id");
            note = notes.ofCall(user.organizationId(), request.callLogId()).orElseThrow();
        } else {
            note = notes.create(user, lead.id(), new NoteRequests.Create("general", request.content(), null, null,
                    null, null));
        }
        MobileCallback followUp = null;
        if (request.followUpDate() != null) {
            String title = request.reminderNote() == null || request.reminderNote().isBlank()
                    ? "Call back " + lead.fullName() : request.reminderNote().trim();
            Tasks.TaskView task = tasks.create(user, new TaskRequests.Create(lead.id(), title, null, "follow_up",
                    request.followUpDate(), user.userId(), null));
            followUp = callback(task, lead);
        }
        if (request.statusId() != null && !request.statusId().equals(lead.statusId())) {
            leads.changeStatus(user, lead.id(), request.statusId(), null);
        }
        LeadSummary after = access.visible(user, lead.id());
        return new MobileNoteSaved(MobileNoteView.of(note), followUp, MobileNoteLead.of(after));
    }

    /** The caller's open follow-ups due by the end of today in the organization's time zone, soonest first. */
    @Transactional(readOnly = true)
    MobileCallbacksDue dueCallbacks(CurrentUser user, PageRequest paging) {
        ZoneId zone = users.timeZone(user.organizationId());
        OffsetDateTime endOfToday = LocalDate.now(clock.withZone(zone)).plusDays(1).atStartOfDay(zone)
                .toOffsetDateTime();
        Page<Tasks.TaskView> due = tasks.list(user, new Tasks.Filter(null, user.userId(), "open", "follow_up",
                endOfToday, null, null), paging);
        long overdue = tasks.list(user, new Tasks.Filter(null, user.userId(), "open", "follow_up", null, null, true),
                PageRequest.of(1, 0)).total();
        Map<UUID, LeadSummary> byLead = new HashMap<>();
        var callbacks = due.items().stream().map(task -> callback(task, task.leadId() == null ? null
                : byLead.computeIfAbsent(task.leadId(), id -> leads.find(user.organizationId(), id).orElse(null))))
                .toList();
        return new MobileCallbacksDue(due.total(), overdue, callbacks);
    }

    private static MobileCallback callback(Tasks.TaskView task, LeadSummary lead) {
        return new MobileCallback(task.id(), task.leadId(), lead == null ? null : lead.fullName(),
                lead == null ? null : lead.phone(), task.title(), task.dueAt(), task.overdue(), task.priority(),
                task.noteId());
    }
}
