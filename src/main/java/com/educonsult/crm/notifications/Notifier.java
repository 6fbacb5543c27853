package com.educonsult.crm.notifications;

import static com.educonsult.crm.jooq.Tables.NOTIFICATIONS;
import static com.educonsult.crm.jooq.Tables.NOTIFICATION_DELIVERIES;
import static com.educonsult.crm.jooq.Tables.NOTIFICATION_PREFERENCES;
import static com.educonsult.crm.jooq.Tables.NOTIFICATION_QUIET_HOURS;
import static com.educonsult.crm.jooq.Tables.USERS;

import com.educonsult.crm.identity.UserReach;
import com.educonsult.crm.jooq.tables.records.NotificationsRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.db.BulkInsert;
import com.educonsult.crm.platform.live.LiveEvent;
import com.educonsult.crm.platform.live.LiveEvents;
import java.time.Clock;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.TableField;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes notifications, in the transaction of their cause: one per user per cause (a cause seen again, by a retry
 * or by another server, writes nothing), the push and email deliveries each user's preferences ask for (held until
 * the user's quiet hours end), and a live event that rings the user's bell once the transaction commits.
 */
@Component
public class Notifier {

    /** Rows written by one statement. */
    static final int ROWS_PER_STATEMENT = 1000;

    private final DSLContext db;
    private final UserReach reach;
    private final LiveEvents live;
    private final Clock clock;

    Notifier(DSLContext db, UserReach reach, LiveEvents live, Clock clock) {
        this.db = db;
        this.reach = reach;
        this.live = live;
        this.clock = clock;
    }

    /** The channels a user takes a kind by. */
    record Choice(boolean inApp, boolean push, boolean email) {
    }

    /**
     * Notifies the users (those of the organization that exist; each once); answers the notification written for
     * each user who did not have one for the cause yet.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<UUID, UUID> notify(UUID organizationId, Collection<UUID> userIds, NewNotification notification) {
        Map<UUID, UUID> written = new LinkedHashMap<>();
        List<UUID> distinct = new ArrayList<>(new LinkedHashSet<>(userIds));
        distinct.remove(null);
        for (int from = 0; from < distinct.size(); from += ROWS_PER_STATEMENT) {
            written.putAll(notifyChunk(organizationId,
                    distinct.subList(from, Math.min(distinct.size(), from + ROWS_PER_STATEMENT)), notification));
        }
        return written;
    }

    private Map<UUID, UUID> notifyChunk(UUID organizationId, List<UUID> userIds, NewNotification n) {
        List<UUID> existing = db.select(USERS.ID).from(USERS)
                .where(USERS.ORGANIZATION_ID.eq(organizationId), USERS.ID.in(userIds), USERS.DELETED_AT.isNull())
                .fetch(USERS.ID);
        if (existing.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Choice> choices = choices(organizationId, existing, n.kind());
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>();
        for (UUID userId : existing) {
            Choice choice = choices.get(userId);
            rows.add(new Object[] {organizationId, Ids.newId(), userId, n.kind().code(), n.title(), n.body(),
                    n.priority() == null ? "normal" : n.priority(), n.actionUrl(), n.entityType(), n.entityId(),
                    n.causeKey(), n.createdBy(), choice.inApp() ? null : now, n.expiresAt(), now});
        }
        var t = NOTIFICATIONS;
        List<TableField<NotificationsRecord, ?>> columns = List.of(t.ORGANIZATION_ID, t.ID, t.USER_ID, t.KIND,
                t.TITLE, t.BODY, t.PRIORITY, t.ACTION_URL, t.ENTITY_TYPE, t.ENTITY_ID, t.CAUSE_KEY, t.CREATED_BY,
                t.READ_AT, t.EXPIRES_AT, t.CREATED_AT);
        Map<UUID, UUID> written = new LinkedHashMap<>();
        BulkInsert.rows(db, t, columns, rows)
                .onConflict(t.ORGANIZATION_ID, t.USER_ID, t.CAUSE_KEY).doNothing()
                .returning(t.ID, t.USER_ID)
                .fetch()
                .forEach(r -> written.put(r.getUserId(), r.getId()));
        if (written.isEmpty()) {
            return written;
        }
        deliveries(organizationId, written, choices, now);
        for (Map.Entry<UUID, UUID> entry : written.entrySet()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", entry.getValue());
            data.put("user_id", entry.getKey());
            data.put("kind", n.kind().code());
            data.put("priority", n.priority() == null ? "normal" : n.priority());
            live.publish(new LiveEvent(organizationId, "notification.created", "notifications:read",
                    new LiveEvent.Audience(entry.getKey(), null), data));
        }
        return written;
    }

    /** The push and email deliveries of the notifications just written, held past each user's quiet hours. */
    private void deliveries(UUID organizationId, Map<UUID, UUID> written, Map<UUID, Choice> choices,
            OffsetDateTime now) {
        List<UUID> wantPush = written.keySet().stream().filter(u -> choices.get(u).push()).toList();
        Map<UUID, String> tokens = wantPush.isEmpty() ? Map.of() : reach.pushTokens(organizationId, wantPush);
        Map<UUID, OffsetDateTime> heldUntil = quietUntil(organizationId, written.keySet(), now);
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<UUID, UUID> entry : written.entrySet()) {
            UUID userId = entry.getKey();
            OffsetDateTime at = heldUntil.getOrDefault(userId, now);
            if (tokens.containsKey(userId)) {
                rows.add(new Object[] {organizationId, Ids.newId(), entry.getValue(), userId, "push", at, now});
            }
            if (choices.get(userId).email()) {
                rows.add(new Object[] {organizationId, Ids.newId(), entry.getValue(), userId, "email", at, now});
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        var d = NOTIFICATION_DELIVERIES;
        BulkInsert.rows(db, d, List.of(d.ORGANIZATION_ID, d.ID, d.NOTIFICATION_ID, d.USER_ID, d.CHANNEL,
                d.NEXT_ATTEMPT_AT, d.CREATED_AT), rows).execute();
    }

    /** Each user's choice for the kind: their own where they made one, else the kind's defaults. */
    Map<UUID, Choice> choices(UUID organizationId, Collection<UUID> userIds, NotificationKind kind) {
        Map<UUID, Choice> choices = new HashMap<>();
        Choice defaults = new Choice(kind.defaultInApp(), kind.defaultPush(), kind.defaultEmail());
        userIds.forEach(u -> choices.put(u, defaults));
        var p = NOTIFICATION_PREFERENCES;
        db.select(p.USER_ID, p.IN_APP, p.PUSH, p.EMAIL).from(p)
                .where(p.ORGANIZATION_ID.eq(organizationId), p.USER_ID.in(userIds), p.KIND.eq(kind.code()))
                .forEach(r -> choices.put(r.value1(), new Choice(r.value2(), r.value3(), r.value4())));
        return choices;
    }

    /** For the users now inside their quiet hours: when those end. */
    private Map<UUID, OffsetDateTime> quietUntil(UUID organizationId, Collection<UUID> userIds, OffsetDateTime now) {
        Map<UUID, OffsetDateTime> until = new HashMap<>();
        var q = NOTIFICATION_QUIET_HOURS;
        db.select(q.USER_ID, q.QUIET_START, q.QUIET_END).from(q)
                .where(q.ORGANIZATION_ID.eq(organizationId), q.USER_ID.in(userIds))
                .forEach(r -> {
                    ZoneId zone = reach.timeZoneOf(organizationId, r.value1());
                    QuietHours.end(r.value2(), r.value3(), now, zone).ifPresent(end -> until.put(r.value1(), end));
                });
        return until;
    }

    /** Quiet hours: when, if the time falls inside them, they end. */
    static final class QuietHours {

        private QuietHours() {
        }

        /** Empty when {@code now} is outside the hours (or start equals end: no quiet hours). */
        static java.util.Optional<OffsetDateTime> end(LocalTime start, LocalTime end, OffsetDateTime now,
                ZoneId zone) {
            if (start == null || end == null || start.equals(end)) {
                return java.util.Optional.empty();
            }
            var local = now.atZoneSameInstant(zone);
            LocalTime time = local.toLocalTime();
            boolean overnight = start.isAfter(end);
            boolean inside = overnight ? !time.isBefore(start) || time.isBefore(end)
                    : !time.isBefore(start) && time.isBefore(end);
            if (!inside) {
                return java.util.Optional.empty();
            }
            var day = local.toLocalDate();
            if (overnight && !time.isBefore(start)) {
                day = day.plusDays(1);
            }
            return java.util.Optional.of(day.atTime(end).atZone(zone).toOffsetDateTime()
                    .withOffsetSameInstant(ZoneOffset.UTC));
        }
    }
}
