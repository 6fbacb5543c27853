package com.educonsult.crm.notifications.triggers;

import static com.educonsult.crm.jooq.Tables.NOTIFICATION_MARKS;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** How far each time-driven trigger has looked in an organization. */
@Component
class TriggerMarks {

    private final DSLContext db;

    TriggerMarks(DSLContext db) {
        this.db = db;
    }

    Optional<OffsetDateTime> get(UUID organizationId, String name) {
        var m = NOTIFICATION_MARKS;
        return db.select(m.DONE_UNTIL).from(m).where(m.ORGANIZATION_ID.eq(organizationId), m.NAME.eq(name))
                .forUpdate()
                .fetchOptional(m.DONE_UNTIL);
    }

    void set(UUID organizationId, String name, OffsetDateTime doneUntil) {
        var m = NOTIFICATION_MARKS;
        db.insertInto(m).set(m.ORGANIZATION_ID, organizationId).set(m.NAME, name).set(m.DONE_UNTIL, doneUntil)
                .onConflict(m.ORGANIZATION_ID, m.NAME).doUpdate()
                .set(m.DONE_UNTIL, doneUntil).set(m.UPDATED_AT, OffsetDateTime.now())
                .execute();
    }
}
