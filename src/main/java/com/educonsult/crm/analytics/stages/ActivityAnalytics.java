package com.educonsult.crm.analytics.stages;

import static com.educonsult.crm.jooq.Tables.ANALYTICS_FACTS;

import com.educonsult.crm.analytics.facts.FactMetric;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Activities in the range by type, priority and status, per user and per priority (seed 02's activity analytics), from
 * the activity facts: the work of who logged them, seen as the activity list's scope sees it.
 */
@Service
class ActivityAnalytics {

    static final List<String> PRIORITIES = List.of("urgent", "high", "medium", "low");
    static final List<String> STATUSES = List.of("pending", "completed", "cancelled");

    @Schema(name = "ActivityAnalytics")
    record Totals(long totalActivities,
            @Schema(description = "Per activity type") Map<String, Long> byType,
            @Schema(description = "urgent, high, medium, low") Map<String, Long> byPriority,
            @Schema(description = "pending, completed, cancelled") Map<String, Long> byStatus,
            LocalDate dateFrom, LocalDate dateTo) {
    }

    @Schema(name = "ActivityTypePerformance")
    record TypeFigures(String activityType, long totalActivities, long completedActivities, long pendingActivities,
            long cancelledActivities, double completionRate) {
    }

    @Schema(name = "ActivityUserPerformance")
    record UserFigures(UUID userId, String name, long totalActivities, long completedActivities,
            long pendingActivities, long cancelledActivities, double completionRate,
            @Schema(description = "Seconds the user's activities lasted (calls, meetings)") long durationSeconds,
            List<TypeFigures> byType) {
    }

    @Schema(name = "ActivityPriorityShare")
    record PriorityFigures(String priority, long totalActivities, long completedActivities, long pendingActivities,
            long cancelledActivities,
            @Schema(description = "total_activities in percent of all activities in the range") double percentage) {
    }

    /** One activity's counts by status. */
    private static final class Counts {
        long total;
        long completed;
        long pending;
        long cancelled;

        void add(String status, long n) {
            total += n;
            switch (status) {
                case "completed" -> completed += n;
                case "pending" -> pending += n;
                default -> cancelled += n;
            }
        }
    }

    private final FactSums facts;
    private final UserDirectory users;

    ActivityAnalytics(FactSums facts, UserDirectory users) {
        this.facts = facts;
        this.users = users;
    }

    @Transactional(readOnly = true)
    Totals totals(AnalyticsQuery query) {
        Map<String, Long> byType = new TreeMap<>();
        Map<String, Long> byPriority = zeros(PRIORITIES);
        Map<String, Long> byStatus = zeros(STATUSES);
        long total = 0;
        for (FactSums.Sum s : facts.of(query, FactMetric.ACTIVITY_STATE, ANALYTICS_FACTS.KIND,
                ANALYTICS_FACTS.SOURCE, ANALYTICS_FACTS.DETAIL)) {
            total += s.n();
            byType.merge(s.key(ANALYTICS_FACTS.KIND), s.n(), Long::sum);
            byPriority.merge(s.key(ANALYTICS_FACTS.SOURCE), s.n(), Long::sum);
            byStatus.merge(s.key(ANALYTICS_FACTS.DETAIL), s.n(), Long::sum);
        }
        byType.values().removeIf(n -> n == 0);
        return new Totals(total, byType, byPriority, byStatus, query.range().from(), query.range().to());
    }

    @Transactional(readOnly = true)
    List<UserFigures> users(AnalyticsQuery query) {
        Map<UUID, Map<String, Counts>> byUser = new LinkedHashMap<>();
        for (FactSums.Sum s : facts.of(query, FactMetric.ACTIVITY_STATE, ANALYTICS_FACTS.USER_ID,
                ANALYTICS_FACTS.KIND, ANALYTICS_FACTS.DETAIL)) {
            if (s.key(ANALYTICS_FACTS.USER_ID) != null) {
                byUser.computeIfAbsent(s.key(ANALYTICS_FACTS.USER_ID), u -> new TreeMap<>())
                        .computeIfAbsent(s.key(ANALYTICS_FACTS.KIND), k -> new Counts())
                        .add(s.key(ANALYTICS_FACTS.DETAIL), s.n());
            }
        }
        Map<UUID, Long> seconds = new LinkedHashMap<>();
        facts.of(query, FactMetric.ACTIVITY, ANALYTICS_FACTS.USER_ID).forEach(s ->
                seconds.merge(s.key(ANALYTICS_FACTS.USER_ID), s.total(), Long::sum));
        Map<UUID, UserSummary> names = users.findAll(query.user().organizationId(), byUser.keySet());
        List<UserFigures> list = new ArrayList<>();
        byUser.forEach((user, types) -> {
            Counts all = new Counts();
            List<TypeFigures> perType = new ArrayList<>();
            types.forEach((type, c) -> {
                if (c.total == 0) {
                    return;
                }
                all.total += c.total;
                all.completed += c.completed;
                all.pending += c.pending;
                all.cancelled += c.cancelled;
                perType.add(new TypeFigures(type, c.total, c.completed, c.pending, c.cancelled,
                        Figures.percent(c.completed, c.total)));
            });
            if (all.total != 0) {
                list.add(new UserFigures(user, LeadAnalytics.nameOf(names.get(user)), all.total, all.completed,
                        all.pending, all.cancelled, Figures.percent(all.completed, all.total),
                        seconds.getOrDefault(user, 0L), perType));
            }
        });
        list.sort(Comparator.comparingLong(UserFigures::totalActivities).reversed()
                .thenComparing(u -> Objects.toString(u.name(), "")));
        return list;
    }

    @Transactional(readOnly = true)
    List<PriorityFigures> priorities(AnalyticsQuery query) {
        Map<String, Counts> byPriority = new LinkedHashMap<>();
        PRIORITIES.forEach(p -> byPriority.put(p, new Counts()));
        for (FactSums.Sum s : facts.of(query, FactMetric.ACTIVITY_STATE, ANALYTICS_FACTS.SOURCE,
                ANALYTICS_FACTS.DETAIL)) {
            byPriority.computeIfAbsent(s.key(ANALYTICS_FACTS.SOURCE), p -> new Counts())
                    .add(s.key(ANALYTICS_FACTS.DETAIL), s.n());
        }
        long total = byPriority.values().stream().mapToLong(c -> c.total).sum();
        return byPriority.entrySet().stream().map(e -> new PriorityFigures(e.getKey(), e.getValue().total,
                e.getValue().completed, e.getValue().pending, e.getValue().cancelled,
                Figures.percent(e.getValue().total, total))).toList();
    }

    private static Map<String, Long> zeros(List<String> keys) {
        Map<String, Long> map = new LinkedHashMap<>();
        keys.forEach(k -> map.put(k, 0L));
        return map;
    }
}
