package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.ORGANIZATIONS;
import static com.educonsult.crm.jooq.Tables.USERS;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * How other modules reach a user: the phone's push token (the one the Android app stores), the user's own time
 * zone, and everyone active in the organization. Callers run inside a transaction of the organization.
 */
@Component
public class UserReach {

    /** At most this many users are answered by {@link #activeUsers}. */
    public static final int MAX_ACTIVE_USERS = 20_000;

    private final DSLContext db;

    UserReach(DSLContext db) {
        this.db = db;
    }

    /** The push token of each of the users that is active and has one. */
    public Map<UUID, String> pushTokens(UUID organizationId, Collection<UUID> userIds) {
        Map<UUID, String> tokens = new LinkedHashMap<>();
        db.select(USERS.ID, USERS.FCM_TOKEN).from(USERS)
                .where(USERS.ORGANIZATION_ID.eq(organizationId), USERS.ID.in(userIds), USERS.FCM_TOKEN.isNotNull(),
                        USERS.ACTIVE.isTrue(), USERS.DELETED_AT.isNull())
                .forEach(r -> tokens.put(r.value1(), r.value2()));
        return tokens;
    }

    /**
     * Forgets a push token the push provider said is no longer valid; a token the phone replaced meanwhile is
     * kept. Answers whether it was forgotten.
     */
    public boolean forgetPushToken(UUID organizationId, UUID userId, String token) {
        return db.update(USERS).setNull(USERS.FCM_TOKEN)
                .where(USERS.ORGANIZATION_ID.eq(organizationId), USERS.ID.eq(userId), USERS.FCM_TOKEN.eq(token))
                .execute() == 1;
    }

    /** The user's time zone: the one of their profile's preferences, else the organization's. */
    public ZoneId timeZoneOf(UUID organizationId, UUID userId) {
        var row = db.select(DSL.field("{0} ->> 'time_zone'", String.class, USERS.PREFERENCES), ORGANIZATIONS.TIME_ZONE)
                .from(ORGANIZATIONS)
                .leftJoin(USERS).on(USERS.ORGANIZATION_ID.eq(ORGANIZATIONS.ID), USERS.ID.eq(userId))
                .where(ORGANIZATIONS.ID.eq(organizationId))
                .fetchOne();
        if (row == null) {
            return ZoneId.of("Asia/Kolkata");
        }
        for (String zone : new String[] {row.value1(), row.value2()}) {
            if (zone != null) {
                try {
                    return ZoneId.of(zone);
                } catch (DateTimeException ignored) {
                    // a zone no longer known: the next one
                }
            }
        }
        return ZoneId.of("Asia/Kolkata");
    }

    /** The active users of the organization (at most {@link #MAX_ACTIVE_USERS}), optionally of one branch. */
    public List<UUID> activeUsers(UUID organizationId, UUID branchId) {
        return db.select(USERS.ID).from(USERS)
                .where(USERS.ORGANIZATION_ID.eq(organizationId), USERS.ACTIVE.isTrue(), USERS.DELETED_AT.isNull(),
                        branchId == null ? DSL.noCondition() : USERS.BRANCH_ID.eq(branchId))
                .orderBy(USERS.ID)
                .limit(MAX_ACTIVE_USERS)
                .fetch(USERS.ID);
    }
}
