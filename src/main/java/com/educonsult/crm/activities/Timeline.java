package com.educonsult.crm.activities;

import static com.educonsult.crm.jooq.Tables.ACTIVITIES;
import static com.educonsult.crm.jooq.Tables.NOTES;
import static com.educonsult.crm.jooq.Tables.TASKS;

import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.PageRequest;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import com.educonsult.crm.platform.web.CursorPage;
import com.educonsult.crm.platform.web.TimeCursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record5;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A lead's notes, activities (stage changes and assignments among them) and tasks in one stream, newest first,
 * paged by offset or by a cursor on (time, id). A task stands at its completion, or at its creation while open.
 */
@Service
public class Timeline {

    public record TimelineItem(String kind, UUID id, OffsetDateTime time, UUID actorId, String actorName, String summary,
            Object item) {
    }



    private static final int SUMMARY_LENGTH = 200;

    private final DSLContext db;
    private final LeadAccess access;
    private final Notes notes;
    private final Activities activities;
    private final Tasks tasks;
    private final ActorNames names;

    Timeline(DSLContext db, LeadAccess access, Notes notes, Activities activities, Tasks tasks, ActorNames names) {
        this.db = db;
        this.access = access;
        this.notes = notes;
        this.activities = activities;
        this.tasks = tasks;
        this.names = names;
    }

    @Transactional(readOnly = true)
    public CursorPage<TimelineItem> of(CurrentUser user, UUID leadId, Integer limit, Integer offset, String cursor) {
        if (cursor != null && offset != null && offset != 0) {
            throw ApiException.invalid("offset", "cannot be combined with cursor");
        }
        PageRequest paging = PageRequest.of(limit, offset);
        access.visible(user, leadId);
        Table<Record5<String, UUID, OffsetDateTime, UUID, String>> stream = stream(user, leadId).asTable("timeline");
        Field<String> kind = stream.field("kind", String.class);
        Field<UUID> id = stream.field("id", UUID.class);
        Field<OffsetDateTime> time = stream.field("time", OffsetDateTime.class);
        Field<UUID> actor = stream.field("actor_id", UUID.class);
        Field<String> summary = stream.field("summary", String.class);

        Condition after = DSL.noCondition();
        if (cursor != null) {
            TimeCursor from = TimeCursor.decode(cursor);
            after = DSL.row(time, id).lt(from.time(), from.id());
        }
        var rows = db.select(kind, id, time, actor, summary).from(stream).where(after)
                .orderBy(time.desc(), id.desc())
                .limit(paging.limit()).offset(cursor == null ? paging.offset() : 0)
                .fetch();
        Long total = cursor == null ? (long) db.fetchCount(stream) : null;

        UUID organizationId = user.organizationId();
        var noteViews = notes.views(organizationId, idsOf(rows, "note"));
        var activityViews = activities.views(organizationId, idsOf(rows, "activity"));
        var taskViews = tasks.views(organizationId, idsOf(rows, "task"));
        Map<UUID, String> actorNames = names.of(organizationId, rows.map(Record5::value4));
        List<TimelineItem> items = rows.map(r -> new TimelineItem(r.value1(), r.value2(), Activities.utc(r.value3()),
                r.value4(), actorNames.get(r.value4()), r.value5(), switch (r.value1()) {
                    case "note" -> noteViews.get(r.value2());
                    case "activity" -> activityViews.get(r.value2());
                    default -> taskViews.get(r.value2());
                }));
        String next = rows.size() < paging.limit() ? null
                : new TimeCursor(rows.getLast().value3(), rows.getLast().value2()).encode();
        return new CursorPage<>(items, total, paging.limit(), cursor == null ? paging.offset() : null, next);
    }

    private org.jooq.Select<Record5<String, UUID, OffsetDateTime, UUID, String>> stream(CurrentUser user, UUID leadId) {
        var noteRows = DSL.select(DSL.inline("note").as("kind"), NOTES.ID.as("id"), NOTES.CREATED_AT.as("time"),
                        NOTES.AUTHOR_ID.as("actor_id"), DSL.left(NOTES.CONTENT, SUMMARY_LENGTH).as("summary"))
                .from(NOTES)
                .where(notes.readableBy(user), NOTES.LEAD_ID.eq(leadId));
        var activityRows = DSL.select(DSL.inline("activity"), ACTIVITIES.ID, ACTIVITIES.OCCURRED_AT,
                        ACTIVITIES.USER_ID, DSL.left(ACTIVITIES.DESCRIPTION, SUMMARY_LENGTH))
                .from(ACTIVITIES)
                .where(ACTIVITIES.ORGANIZATION_ID.eq(user.organizationId()), ACTIVITIES.LEAD_ID.eq(leadId));
        var taskRows = DSL.select(DSL.inline("task"), TASKS.ID, DSL.coalesce(TASKS.COMPLETED_AT, TASKS.CREATED_AT),
                        DSL.coalesce(TASKS.COMPLETED_BY, TASKS.CREATED_BY),
                        DSL.left(DSL.concat(TASKS.KIND, DSL.inline(" "), TASKS.STATUS, DSL.inline(": "), TASKS.TITLE),
                                SUMMARY_LENGTH))
                .from(TASKS)
                .where(TASKS.ORGANIZATION_ID.eq(user.organizationId()), TASKS.LEAD_ID.eq(leadId));
        return noteRows.unionAll(activityRows).unionAll(taskRows);
    }

    private static List<UUID> idsOf(org.jooq.Result<Record5<String, UUID, OffsetDateTime, UUID, String>> rows,
            String kind) {
        return rows.stream().filter(r -> kind.equals(r.value1())).map(Record5::value2).toList();
    }
}
