package com.educonsult.crm.analytics.overview;

import static com.educonsult.crm.jooq.Tables.ANALYTICS_FACTS;

import com.educonsult.crm.analytics.AnalyticsRange;
import com.educonsult.crm.analytics.Overview;
import com.educonsult.crm.analytics.facts.FactMetric;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.leads.LeadStatus;
import com.educonsult.crm.leads.LeadStatuses;
import com.educonsult.crm.leads.LiveLeadCounts;
import com.educonsult.crm.platform.security.CurrentUser;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The figures of a caller's dashboard on a day: live leads by status now, new leads today and this week (from
 * Monday), follow-ups due today, overdue and due in the next days, communications of the last 7 days, where the
 * last 30 days' leads came from, and the counselors who converted most in those days.
 */
@Component
class DashboardFigures {

    static final int SOURCE_DAYS = 30;
    static final int SOON_DAYS = 7;
    static final int COMMUNICATION_DAYS = 7;
    static final int TOP_PERFORMERS = 5;

    private final FactSums facts;
    private final LiveLeadCounts live;
    private final LeadStatuses statuses;
    private final UserDirectory users;

    DashboardFigures(FactSums facts, LiveLeadCounts live, LeadStatuses statuses, UserDirectory users) {
        this.facts = facts;
        this.live = live;
        this.statuses = statuses;
        this.users = users;
    }

    Overview.Dashboard of(CurrentUser user, ZoneId zone, LocalDate today, String version) {
        List<LeadStatus> pipeline = statuses.list(user.organizationId()).stream()
                .sorted(Comparator.comparingInt(LeadStatus::position)).toList();
        Map<UUID, Long> byStatus = new HashMap<>();
        live.of(user).forEach(g -> byStatus.merge(g.statusId(), g.leads(), Long::sum));
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long open = pipeline.stream().filter(s -> !s.isWon() && !s.isLost())
                .mapToLong(s -> byStatus.getOrDefault(s.id(), 0L)).sum();
        List<Overview.Count> statusCounts = pipeline.stream()
                .filter(s -> s.active() || byStatus.getOrDefault(s.id(), 0L) > 0)
                .map(s -> new Overview.Count(s.id().toString(), s.name(), s.color(), byStatus.getOrDefault(s.id(), 0L)))
                .toList();

        FactRows none = FactRows.ALL;
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        long newToday = facts.total(user, FactMetric.LEAD_CREATED, new AnalyticsRange(today, today, zone), none).n();
        long newThisWeek = facts.total(user, FactMetric.LEAD_CREATED, new AnalyticsRange(monday, today, zone), none)
                .n();

        FactRows openFollowUps = FactRows.of(ANALYTICS_FACTS.KIND.eq("follow_up").and(ANALYTICS_FACTS.DETAIL.eq("open")),
                ANALYTICS_FACTS.KIND, ANALYTICS_FACTS.DETAIL);
        long dueToday = facts.total(user, FactMetric.TASK_DUE, new AnalyticsRange(today, today, zone), openFollowUps)
                .n();
        long overdue = facts.total(user, FactMetric.TASK_DUE, null, openFollowUps.and(FactRows.of(ANALYTICS_FACTS.DAY.lt(today))))
                .n();
        long dueSoon = facts.total(user, FactMetric.TASK_DUE,
                new AnalyticsRange(today.plusDays(1), today.plusDays(SOON_DAYS), zone), openFollowUps).n();

        AnalyticsRange lastWeek = new AnalyticsRange(today.minusDays(COMMUNICATION_DAYS - 1L), today, zone);
        List<Overview.Count> channels = counts(facts.by(user, FactMetric.MESSAGE, lastWeek, none,
                ANALYTICS_FACTS.KIND), "other");
        long communications = channels.stream().mapToLong(Overview.Count::count).sum();

        AnalyticsRange lastMonth = new AnalyticsRange(today.minusDays(SOURCE_DAYS - 1L), today, zone);
        List<Overview.Count> sources = counts(facts.by(user, FactMetric.LEAD_CREATED, lastMonth, none,
                ANALYTICS_FACTS.SOURCE), null);
        return new Overview.Dashboard(zone.getId(), today, total, open, newToday, newThisWeek, dueToday, overdue,
                dueSoon, communications, channels, statusCounts, sources, SOURCE_DAYS, performers(user, lastMonth),
                version);
    }

    private List<Overview.Performer> performers(CurrentUser user, AnalyticsRange range) {
        FactRows none = FactRows.ALL;
        Map<UUID, FactSums.Sum> converted = facts.by(user, FactMetric.LEAD_CONVERTED, range, none,
                ANALYTICS_FACTS.OWNER_ID);
        Map<UUID, FactSums.Sum> created = facts.by(user, FactMetric.LEAD_CREATED, range, none,
                ANALYTICS_FACTS.OWNER_ID);
        List<UUID> top = converted.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getValue().n() > 0)
                .sorted(Comparator.<Map.Entry<UUID, FactSums.Sum>>comparingLong(e -> e.getValue().n()).reversed()
                        .thenComparing(e -> e.getKey().toString()))
                .limit(TOP_PERFORMERS).map(Map.Entry::getKey).toList();
        Map<UUID, UserSummary> named = users.findAll(user.organizationId(), top);
        return top.stream().map(id -> new Overview.Performer(id,
                        named.containsKey(id) ? named.get(id).fullName() : "Former user", converted.get(id).n(),
                        created.getOrDefault(id, FactSums.Sum.ZERO).n()))
                .toList();
    }

    /** Counts per key, largest first; a missing key is named {@code nullKey} (null: left as it is). */
    private static List<Overview.Count> counts(Map<String, FactSums.Sum> sums, String nullKey) {
        return sums.entrySet().stream()
                .filter(e -> e.getValue().n() != 0)
                .map(e -> new Overview.Count(Objects.requireNonNullElse(e.getKey(), Objects.toString(nullKey, "")),
                        e.getKey() == null ? "No source" : e.getKey(), null, e.getValue().n()))
                .sorted(Comparator.comparingLong(Overview.Count::count).reversed().thenComparing(Overview.Count::key))
                .toList();
    }
}
