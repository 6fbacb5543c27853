package com.educonsult.crm.activities;

import static com.educonsult.crm.jooq.Tables.ACTIVITIES;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.platform.security.CurrentUser;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts of the pending follow-ups the caller may see: the same follow-ups as {@code /activities/follow-ups/pending}
 * and {@code /overdue} (pending activities with a next follow-up date), optionally of one user's, in one aggregate.
 * Days and weeks are the organization's, in its time zone; a week starts on Monday.
 */
@Service
public class FollowUpSummaries {

    @Schema(name = "FollowUpSummary")
    public record FollowUpSummary(
            @Schema(description = "Pending follow-ups, overdue ones included") int totalPending,
            @Schema(description = "Pending follow-ups by priority: urgent, high, medium, low")
            Map<String, Integer> pendingByPriority,
            int urgentPending,
            int highPending,
            @JsonProperty("due_within_24h") @Schema(description = "Due from now to 24 hours from now") int dueWithin24h,
            @Schema(description = "Due from now to 7 days from now") int dueWithinWeek,
            @Schema(description = "Due today (the organization's day), overdue ones excluded") int dueToday,
            @Schema(description = "Due from today to the end of Sunday (the organization's week), overdue excluded")
            int dueThisWeek,
            @Schema(description = "Due before today (the organization's day), as /activities/follow-ups/overdue")
            int overdue,
            @Schema(description = "The organization's time zone, which days and weeks follow", example = "Asia/Kolkata")
            String timeZone,
            @Schema(description = "Today in that time zone") LocalDate today) {
    }

    private static final String[] PRIORITIES = {"urgent", "high", "medium", "low"};

    private final DSLContext db;
    private final LeadAccess access;
    private final UserDirectory users;
    private final Clock clock;

    FollowUpSummaries(DSLContext db, LeadAccess access, UserDirectory users, Clock clock) {
        this.db = db;
        this.access = access;
        this.users = users;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public FollowUpSummary summary(CurrentUser user, UUID userId) {
        ZoneId zone = users.timeZone(user.organizationId());
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        OffsetDateTime startOfToday = startOfDay(today, zone);
        OffsetDateTime startOfTomorrow = startOfDay(today.plusDays(1), zone);
        OffsetDateTime startOfNextWeek = startOfDay(today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)), zone);
        Field<OffsetDateTime> due = ACTIVITIES.NEXT_FOLLOW_UP_DATE;
        var counts = db.select(
                        DSL.count(),
                        count(ACTIVITIES.PRIORITY.eq(PRIORITIES[0])),
                        count(ACTIVITIES.PRIORITY.eq(PRIORITIES[1])),
                        count(ACTIVITIES.PRIORITY.eq(PRIORITIES[2])),
                        count(ACTIVITIES.PRIORITY.eq(PRIORITIES[3])),
                        count(due.ge(now).and(due.lt(now.plusHours(24)))),
                        count(due.ge(now).and(due.lt(now.plusDays(7)))),
                        count(due.ge(startOfToday).and(due.lt(startOfTomorrow))),
                        count(due.ge(startOfToday).and(due.lt(startOfNextWeek))),
                        count(due.lt(startOfToday)))
                .from(ACTIVITIES)
                .where(ACTIVITIES.ORGANIZATION_ID.eq(user.organizationId()),
                        access.inScope(user, ACTIVITIES.LEAD_ID),
                        ACTIVITIES.STATUS.eq("pending"), due.isNotNull(),
                        userId == null ? DSL.noCondition() : ACTIVITIES.USER_ID.eq(userId))
                .fetchSingle();
        Map<String, Integer> byPriority = new LinkedHashMap<>();
        for (int i = 0; i < PRIORITIES.length; i++) {
            byPriority.put(PRIORITIES[i], counts.get(i + 1, Integer.class));
        }
        return new FollowUpSummary(counts.value1(), byPriority, byPriority.get("urgent"), byPriority.get("high"),
                counts.value6(), counts.value7(), counts.value8(), counts.value9(), counts.value10(), zone.getId(),
                today);
    }

    private static Field<Integer> count(Condition condition) {
        return DSL.count().filterWhere(condition);
    }

    private static OffsetDateTime startOfDay(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toOffsetDateTime();
    }
}
