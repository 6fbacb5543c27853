package com.educonsult.crm.activities;

import static com.educonsult.crm.jooq.Tables.TASKS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Open tasks by due time, for reminders: read through an index of the open tasks by due time, a short range at a
 * time. Callers run inside a transaction of the organization.
 */
@Component
public class DueTasks {

    /** An open task with an assignee and a due time. */
    public record DueTask(UUID id, UUID leadId, String title, String kind, String priority, OffsetDateTime dueAt,
            UUID assigneeId) {
    }

    private final DSLContext db;

    DueTasks(DSLContext db) {
        this.db = db;
    }

    /** Open tasks with an assignee due after {@code after} and at or before {@code upTo}, earliest first. */
    public List<DueTask> dueBetween(UUID organizationId, OffsetDateTime after, OffsetDateTime upTo, int limit) {
        return db.select(TASKS.ID, TASKS.LEAD_ID, TASKS.TITLE, TASKS.KIND, TASKS.PRIORITY, TASKS.DUE_AT,
                        TASKS.ASSIGNEE_ID)
                .from(TASKS)
                .where(TASKS.ORGANIZATION_ID.eq(organizationId), TASKS.STATUS.eq("open"), TASKS.DUE_AT.isNotNull(),
                        TASKS.DUE_AT.gt(after), TASKS.DUE_AT.le(upTo), TASKS.ASSIGNEE_ID.isNotNull())
                .orderBy(TASKS.DUE_AT, TASKS.ID)
                .limit(limit)
                .fetch(r -> new DueTask(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7()));
    }
}
