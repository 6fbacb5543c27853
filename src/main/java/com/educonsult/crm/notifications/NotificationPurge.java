package com.educonsult.crm.notifications;

import static com.educonsult.crm.jooq.Tables.NOTIFICATIONS;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.platform.Tenancy;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Read notifications leave the database once they are older than the retention ({@code
 * crm.notifications.read-retention}); unread ones stay whatever their age, so nobody loses what they have not seen.
 * Organization by organization (a failing one is logged without stopping the others), in batches of their own
 * transactions so that a long backlog never holds locks for long.
 */
@Service
class NotificationPurge {

    static final int BATCH = 1_000;

    private static final Logger log = LoggerFactory.getLogger(NotificationPurge.class);

    private final DSLContext db;
    private final UserDirectory users;
    private final Tenancy tenancy;
    private final NotificationProperties properties;

    NotificationPurge(DSLContext db, UserDirectory users, Tenancy tenancy, NotificationProperties properties) {
        this.db = db;
        this.users = users;
        this.tenancy = tenancy;
        this.properties = properties;
    }

    /** Deletes the read notifications created before {@code now} less the retention; answers how many. */
    int purgeRead(Instant now) {
        OffsetDateTime cutoff = now.minus(properties.readRetention()).atOffset(ZoneOffset.UTC);
        int total = 0;
        for (UUID organizationId : users.allOrganizations()) {
            try {
                total += purge(organizationId, cutoff);
            } catch (RuntimeException e) {
                log.warn("Purging the read notifications of organization {} failed", organizationId, e);
            }
        }
        if (total > 0) {
            log.info("Purged {} read notification(s) created before {}", total, cutoff);
        }
        return total;
    }

    private int purge(UUID organizationId, OffsetDateTime cutoff) {
        int total = 0;
        int deleted;
        do {
            deleted = tenancy.callAs(organizationId, () -> db.deleteFrom(NOTIFICATIONS)
                    .where(NOTIFICATIONS.ORGANIZATION_ID.eq(organizationId), NOTIFICATIONS.ID.in(
                            DSL.select(NOTIFICATIONS.ID).from(NOTIFICATIONS)
                                    .where(NOTIFICATIONS.ORGANIZATION_ID.eq(organizationId),
                                            NOTIFICATIONS.READ_AT.isNotNull(),
                                            NOTIFICATIONS.CREATED_AT.lt(cutoff))
                                    .limit(BATCH)))
                    .execute());
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
