package com.educonsult.crm.notifications;

import static com.educonsult.crm.jooq.Tables.NOTIFICATIONS;
import static com.educonsult.crm.jooq.Tables.NOTIFICATION_DELIVERIES;
import static com.educonsult.crm.jooq.Tables.NOTIFICATION_PREFERENCES;
import static com.educonsult.crm.jooq.Tables.NOTIFICATION_QUIET_HOURS;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserReach;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.jooq.tables.records.NotificationsRecord;
import com.educonsult.crm.notifications.NotificationViews.BroadcastView;
import com.educonsult.crm.notifications.NotificationViews.DeliveryView;
import com.educonsult.crm.notifications.NotificationViews.KindPreference;
import com.educonsult.crm.notifications.NotificationViews.NotificationView;
import com.educonsult.crm.notifications.NotificationViews.PreferencesView;
import com.educonsult.crm.notifications.NotificationViews.QuietHoursView;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.live.LiveEvent;
import com.educonsult.crm.platform.live.LiveEvents;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import java.time.Clock;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notifications of the user who asks (each user sees only their own; another user's id is unknown), sending
 * one to a user or a broadcast to a role, a branch or everyone, and the user's preferences.
 */
@Service
public class Notifications {

    private final DSLContext db;
    private final Notifier notifier;
    private final UserDirectory users;
    private final UserReach reach;
    private final LiveEvents live;
    private final AuditTrail audit;
    private final Clock clock;

    Notifications(DSLContext db, Notifier notifier, UserDirectory users, UserReach reach, LiveEvents live,
            AuditTrail audit, Clock clock) {
        this.db = db;
        this.notifier = notifier;
        this.users = users;
        this.reach = reach;
        this.live = live;
        this.audit = audit;
        this.clock = clock;
    }

    /** A page of the user's notifications (not expired), newest first; only unread ones when asked. */
    @Transactional(readOnly = true)
    public Page<NotificationView> list(CurrentUser user, boolean unreadOnly, PageRequest paging) {
        var n = NOTIFICATIONS;
        Condition which = mine(user).and(unreadOnly ? n.READ_AT.isNull() : DSL.noCondition());
        List<NotificationView> items = db.selectFrom(n).where(which)
                .orderBy(n.CREATED_AT.desc(), n.ID.desc())
                .limit(paging.limit()).offset(paging.offset())
                .fetch(Notifications::view);
        return paging.page(items, (long) db.fetchCount(n, which));
    }

    /** How many of the user's notifications (not expired) are unread. */
    @Transactional(readOnly = true)
    public long unreadCount(CurrentUser user) {
        return db.fetchCount(NOTIFICATIONS, mine(user).and(NOTIFICATIONS.READ_AT.isNull()));
    }

    @Transactional(readOnly = true)
    public NotificationView get(CurrentUser user, UUID id) {
        return db.selectFrom(NOTIFICATIONS).where(mine(user), NOTIFICATIONS.ID.eq(id))
                .fetchOptional(Notifications::view)
                .orElseThrow(() -> ApiException.notFound("Notification"));
    }

    /** Marks one of the user's notifications read (reading it again changes nothing). */
    @Transactional
    public NotificationView markRead(CurrentUser user, UUID id) {
        NotificationView before = get(user, id);
        if (!before.read()) {
            db.update(NOTIFICATIONS).set(NOTIFICATIONS.READ_AT, now())
                    .where(mine(user), NOTIFICATIONS.ID.eq(id), NOTIFICATIONS.READ_AT.isNull())
                    .execute();
            announceRead(user, List.of(id));
        }
        return get(user, id);
    }

    /** Marks every unread notification of the user read; answers how many. */
    @Transactional
    public int markAllRead(CurrentUser user) {
        List<UUID> marked = db.update(NOTIFICATIONS).set(NOTIFICATIONS.READ_AT, now())
                .where(mine(user), NOTIFICATIONS.READ_AT.isNull())
                .returning(NOTIFICATIONS.ID)
                .fetch(NOTIFICATIONS.ID);
        if (!marked.isEmpty()) {
            announceRead(user, List.of());
        }
        return marked.size();
    }

    /** Deletes one of the user's notifications, with its pushes and emails not sent yet. */
    @Transactional
    public void delete(CurrentUser user, UUID id) {
        int deleted = db.deleteFrom(NOTIFICATIONS)
                .where(NOTIFICATIONS.ORGANIZATION_ID.eq(user.organizationId()),
                        NOTIFICATIONS.USER_ID.eq(user.userId()), NOTIFICATIONS.ID.eq(id))
                .execute();
        if (deleted == 0) {
            throw ApiException.notFound("Notification");
        }
        announceRead(user, List.of(id));
    }

    /** Sends a notification to one user of the organization (404 for anyone else). */
    @Transactional
    public NotificationView send(CurrentUser sender, NotificationRequests.Send request) {
        refusePast(request.expiresAt());
        UserSummary recipient = users.find(sender.organizationId(), request.userId())
                .orElseThrow(() -> ApiException.notFound("User"));
        NewNotification notification = new NewNotification(NotificationKind.ANNOUNCEMENT, request.title().trim(),
                blankToNull(request.body()), priorityOf(request.priority()), blankToNull(request.actionUrl()), null,
                null, "sent:" + Ids.newId(), request.expiresAt(), sender.userId());
        UUID id = notifier.notify(sender.organizationId(), List.of(recipient.id()), notification).get(recipient.id());
        NotificationView view = db.selectFrom(NOTIFICATIONS)
                .where(NOTIFICATIONS.ORGANIZATION_ID.eq(sender.organizationId()), NOTIFICATIONS.ID.eq(id))
                .fetchOne(Notifications::view);
        audit.record("notification.sent", "notification", id, null, view);
        return view;
    }

    /** Sends a notification to everyone active, the active holders of a role, or the active users of a branch. */
    @Transactional
    public BroadcastView broadcast(CurrentUser sender, NotificationRequests.Broadcast request) {
        refusePast(request.expiresAt());
        UUID organizationId = sender.organizationId();
        List<UUID> audience = switch (request.audience()) {
            case "role" -> {
                if (request.role() == null) {
                    throw ApiException.invalid("role", "is required with audience role: a role code such as counselor");
                }
                yield users.activeWithRoles(organizationId, List.of(request.role()), null).stream()
                        .map(UserSummary::id).toList();
            }
            case "branch" -> {
                if (request.branchId() == null) {
                    throw ApiException.invalid("branch_id", "is required with audience branch");
                }
                if (!users.branchExists(organizationId, request.branchId())) {
                    throw ApiException.notFound("Branch");
                }
                yield reach.activeUsers(organizationId, request.branchId());
            }
            default -> reach.activeUsers(organizationId, null);
        };
        if (audience.isEmpty()) {
            throw ApiException.invalid("role".equals(request.audience()) ? "role" : "audience",
                    "nobody active is in this audience");
        }
        UUID broadcastId = Ids.newId();
        NewNotification notification = new NewNotification(NotificationKind.ANNOUNCEMENT, request.title().trim(),
                blankToNull(request.body()), priorityOf(request.priority()), blankToNull(request.actionUrl()), null,
                null, "broadcast:" + broadcastId, request.expiresAt(), sender.userId());
        int notified = notifier.notify(organizationId, audience, notification).size();
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("audience", request.audience());
        what.put("role", request.role());
        what.put("branch_id", request.branchId());
        what.put("title", request.title());
        what.put("recipients", audience.size());
        audit.record("notification.broadcast", "notification_broadcast", broadcastId, null, what);
        return new BroadcastView(audience.size(), notified);
    }

    /** The user's preferences: every kind, with the user's choice or its defaults. */
    @Transactional(readOnly = true)
    public PreferencesView preferences(CurrentUser user) {
        var p = NOTIFICATION_PREFERENCES;
        Map<String, KindPreference> chosen = new HashMap<>();
        db.selectFrom(p).where(p.ORGANIZATION_ID.eq(user.organizationId()), p.USER_ID.eq(user.userId()))
                .forEach(r -> chosen.put(r.getKind(), new KindPreference(r.getKind(), null, r.getInApp(), r.getPush(),
                        r.getEmail())));
        List<KindPreference> kinds = new ArrayList<>();
        for (NotificationKind kind : NotificationKind.values()) {
            KindPreference choice = chosen.get(kind.code());
            kinds.add(choice == null
                    ? new KindPreference(kind.code(), kind.label(), kind.defaultInApp(), kind.defaultPush(),
                            kind.defaultEmail())
                    : new KindPreference(kind.code(), kind.label(), choice.inApp(), choice.push(), choice.email()));
        }
        var q = NOTIFICATION_QUIET_HOURS;
        QuietHoursView quiet = db.selectFrom(q)
                .where(q.ORGANIZATION_ID.eq(user.organizationId()), q.USER_ID.eq(user.userId()))
                .fetchOptional(r -> new QuietHoursView(hhmm(r.getQuietStart()), hhmm(r.getQuietEnd())))
                .orElse(null);
        return new PreferencesView(kinds, quiet, reach.timeZoneOf(user.organizationId(), user.userId()).getId());
    }

    /** Replaces the user's preferences: kinds left out return to their defaults; no quiet hours when none given. */
    @Transactional
    public PreferencesView updatePreferences(CurrentUser user, NotificationRequests.Preferences request) {
        List<NotificationRequests.KindChoice> kinds = request.kinds() == null ? List.of() : request.kinds();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < kinds.size(); i++) {
            if (!seen.add(kinds.get(i).kind())) {
                throw ApiException.invalid("kinds[" + i + "].kind", "is listed twice");
            }
        }
        LocalTime start = null;
        LocalTime end = null;
        if (request.quietHours() != null) {
            start = LocalTime.parse(request.quietHours().start());
            end = LocalTime.parse(request.quietHours().end());
            if (start.equals(end)) {
                throw ApiException.invalid("quiet_hours.end", "must differ from start");
            }
        }
        PreferencesView before = preferences(user);
        UUID org = user.organizationId();
        var p = NOTIFICATION_PREFERENCES;
        db.deleteFrom(p).where(p.ORGANIZATION_ID.eq(org), p.USER_ID.eq(user.userId())).execute();
        OffsetDateTime now = now();
        for (NotificationRequests.KindChoice choice : kinds) {
            db.insertInto(p).set(p.ORGANIZATION_ID, org).set(p.USER_ID, user.userId()).set(p.KIND, choice.kind())
                    .set(p.IN_APP, Boolean.TRUE.equals(choice.inApp()))
                    .set(p.PUSH, Boolean.TRUE.equals(choice.push()))
                    .set(p.EMAIL, Boolean.TRUE.equals(choice.email()))
                    .set(p.UPDATED_AT, now)
                    .execute();
        }
        var q = NOTIFICATION_QUIET_HOURS;
        db.deleteFrom(q).where(q.ORGANIZATION_ID.eq(org), q.USER_ID.eq(user.userId())).execute();
        if (start != null) {
            db.insertInto(q).set(q.ORGANIZATION_ID, org).set(q.USER_ID, user.userId()).set(q.QUIET_START, start)
                    .set(q.QUIET_END, end).set(q.UPDATED_AT, now).execute();
        }
        PreferencesView after = preferences(user);
        audit.record("notification_preferences.updated", "user", user.userId(), before, after);
        return after;
    }

    /** The latest pushes and emails of the organization's notifications, newest first, for administrators. */
    @Transactional(readOnly = true)
    public List<DeliveryView> recentDeliveries(CurrentUser admin, String channel, int limit) {
        var d = NOTIFICATION_DELIVERIES;
        var n = NOTIFICATIONS;
        List<DeliveryView> rows = db.select(d.ID, d.NOTIFICATION_ID, d.USER_ID, d.CHANNEL, d.STATUS, d.ATTEMPTS,
                        d.NEXT_ATTEMPT_AT, d.LAST_ATTEMPT_AT, d.LAST_ERROR, d.PAYLOAD, n.TITLE, d.CREATED_AT)
                .from(d).join(n).on(n.ORGANIZATION_ID.eq(d.ORGANIZATION_ID), n.ID.eq(d.NOTIFICATION_ID))
                .where(d.ORGANIZATION_ID.eq(admin.organizationId()),
                        channel == null ? DSL.noCondition() : d.CHANNEL.eq(channel))
                .orderBy(d.CREATED_AT.desc(), d.ID.desc())
                .limit(Math.max(1, Math.min(limit, 200)))
                .fetch(r -> new DeliveryView(r.value1(), r.value2(), r.value3(), null, r.value4(), r.value5(),
                        r.value6(), r.value7(), r.value8(), r.value9(), r.value10(), r.value11(), r.value12()));
        Map<UUID, UserSummary> names = users.findAll(admin.organizationId(),
                rows.stream().map(DeliveryView::userId).distinct().toList());
        return rows.stream().map(v -> new DeliveryView(v.id(), v.notificationId(), v.userId(),
                names.containsKey(v.userId()) ? names.get(v.userId()).fullName() : "Unknown user", v.channel(),
                v.status(), v.attempts(), v.nextAttemptAt(), v.lastAttemptAt(), v.lastError(), v.payload(), v.title(),
                v.createdAt())).toList();
    }

    /**
     * Sends a failed or dead push or email again, from its first attempt, at the next run of the sending job
     * (an administrator's replay); one that was sent, recorded or skipped is a 409.
     */
    @Transactional
    public DeliveryView retryDelivery(CurrentUser admin, UUID id) {
        var d = NOTIFICATION_DELIVERIES;
        String status = db.select(d.STATUS).from(d)
                .where(d.ORGANIZATION_ID.eq(admin.organizationId()), d.ID.eq(id))
                .forUpdate()
                .fetchOptional(d.STATUS)
                .orElseThrow(() -> ApiException.notFound("Delivery"));
        if (!"dead".equals(status) && !"failed".equals(status)) {
            throw ApiException.conflict("id", "Only a failed or dead delivery can be sent again; this one is "
                    + status);
        }
        OffsetDateTime now = now();
        db.update(d).set(d.STATUS, "pending").set(d.ATTEMPTS, 0).set(d.NEXT_ATTEMPT_AT, now).set(d.UPDATED_AT, now)
                .where(d.ORGANIZATION_ID.eq(admin.organizationId()), d.ID.eq(id))
                .execute();
        audit.record("notification_delivery.retried", "notification_delivery", id, Map.of("status", status),
                Map.of("status", "pending"));
        return recentDeliveries(admin, null, 200).stream().filter(v -> v.id().equals(id)).findFirst()
                .orElseGet(() -> delivery(admin, id));
    }

    private DeliveryView delivery(CurrentUser admin, UUID id) {
        var d = NOTIFICATION_DELIVERIES;
        var n = NOTIFICATIONS;
        return db.select(d.ID, d.NOTIFICATION_ID, d.USER_ID, d.CHANNEL, d.STATUS, d.ATTEMPTS, d.NEXT_ATTEMPT_AT,
                        d.LAST_ATTEMPT_AT, d.LAST_ERROR, d.PAYLOAD, n.TITLE, d.CREATED_AT)
                .from(d).join(n).on(n.ORGANIZATION_ID.eq(d.ORGANIZATION_ID), n.ID.eq(d.NOTIFICATION_ID))
                .where(d.ORGANIZATION_ID.eq(admin.organizationId()), d.ID.eq(id))
                .fetchOptional(r -> new DeliveryView(r.value1(), r.value2(), r.value3(),
                        users.find(admin.organizationId(), r.value3()).map(UserSummary::fullName)
                                .orElse("Unknown user"), r.value4(), r.value5(), r.value6(), r.value7(), r.value8(),
                        r.value9(), r.value10(), r.value11(), r.value12()))
                .orElseThrow(() -> ApiException.notFound("Delivery"));
    }

    private Condition mine(CurrentUser user) {
        var n = NOTIFICATIONS;
        return n.ORGANIZATION_ID.eq(user.organizationId()).and(n.USER_ID.eq(user.userId()))
                .and(n.EXPIRES_AT.isNull().or(n.EXPIRES_AT.gt(now())));
    }

    /** Tells the user's other windows that notifications were read or removed (the bell recounts). */
    private void announceRead(CurrentUser user, List<UUID> ids) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", user.userId());
        data.put("ids", ids);
        live.publish(new LiveEvent(user.organizationId(), "notification.read", "notifications:read",
                new LiveEvent.Audience(user.userId(), null), data));
    }

    private void refusePast(OffsetDateTime expiresAt) {
        if (expiresAt != null && !expiresAt.isAfter(now())) {
            throw ApiException.invalid("expires_at", "must be in the future");
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String priorityOf(String priority) {
        return priority == null ? "normal" : priority;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static String hhmm(LocalTime time) {
        return time == null ? null : String.format("%02d:%02d", time.getHour(), time.getMinute());
    }

    static NotificationView view(NotificationsRecord r) {
        return new NotificationView(r.getId(), r.getUserId(), r.getKind(), r.getTitle(), r.getBody(), r.getPriority(),
                r.getActionUrl(), r.getEntityType(), r.getEntityId(), r.getReadAt() != null, r.getReadAt(),
                r.getExpiresAt(), r.getCreatedAt());
    }
}
