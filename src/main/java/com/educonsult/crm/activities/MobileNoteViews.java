package com.educonsult.crm.activities;

import com.educonsult.crm.leads.LeadSummary;
import com.educonsult.crm.platform.web.Page;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** What the Android app reads about notes and callbacks, in its camelCase. */
final class MobileNoteViews {

    private MobileNoteViews() {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileNoteView(UUID id, UUID leadId, UUID callLogId, String noteType, String content, UUID userId,
            String userName, boolean isPrivate, OffsetDateTime reminderDate, OffsetDateTime createdDate,
            OffsetDateTime modifiedDate) {

        static MobileNoteView of(Notes.NoteView n) {
            return new MobileNoteView(n.id(), n.leadId(), n.callId(), n.type(), n.content(), n.authorId(),
                    n.authorName(), n.isPrivate(), n.reminderAt(), n.createdAt(), n.updatedAt());
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileNotePage(List<MobileNoteView> notes, long totalCount, int pageNo, int pageSize, boolean hasMore) {

        static MobileNotePage of(Page<Notes.NoteView> page, int pageNo, int pageSize) {
            List<MobileNoteView> notes = page.items().stream().map(MobileNoteView::of).toList();
            long total = page.total() == null ? notes.size() : page.total();
            return new MobileNotePage(notes, total, pageNo, pageSize, (long) pageNo * pageSize < total);
        }
    }

    /** The note saved, the follow-up made for it (if asked) and the lead as it stands after. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileNoteSaved(MobileNoteView note, MobileCallback followUp, MobileNoteLead lead) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileNoteLead(UUID id, UUID statusId, OffsetDateTime nextFollowUpDate) {

        static MobileNoteLead of(LeadSummary lead) {
            return new MobileNoteLead(lead.id(), lead.statusId(), lead.nextFollowUpDate());
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileCallback(UUID id, UUID leadId, String leadName, String leadNumber, String reminderNote,
            OffsetDateTime followUpDate, boolean overdue, String priority, UUID noteId) {
    }

    /** The caller's open follow-ups due by the end of today (organization's time zone), overdue among them. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileCallbacksDue(long totalDue, long overdue, List<MobileCallback> callbacks) {
    }
}
