package com.educonsult.crm.analytics.stages;

import static com.educonsult.crm.jooq.Tables.ANALYTICS_FACTS;

import com.educonsult.crm.analytics.facts.FactMetric;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Field;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lead analytics of seed 02 ({@code /analytics/leads}, {@code /platforms}, {@code /users}, {@code /time-based}): the
 * leads created in the range, by the status they stand in now, with their conversions and assignments, from the lead
 * facts (in the lead list's scope: the lead's branch and assignee now).
 */
@Service
class LeadAnalytics {

    @Schema(name = "AnalyticsStatusCount")
    record StatusCount(UUID statusId, String status, long leads) {
    }

    @Schema(name = "LeadAnalytics")
    record LeadFigures(
            @Schema(description = "Leads created in the range") long totalLeads,
            @Schema(description = "Of those, still in the default (first) status") long newLeads,
            @Schema(description = "Of those, moved on from the first status and still open") long contactedLeads,
            @Schema(description = "Of those, in a won status now") long wonLeads,
            @Schema(description = "Of those, in a lost status now") long lostLeads,
            long assignedLeads,
            long unassignedLeads,
            @Schema(description = "won_leads in percent of total_leads") double conversionRate,
            @Schema(description = "Leads converted in the range") long convertedLeads,
            @Schema(description = "Average days from creation to conversion of the leads converted in the range")
            double avgCycleTimeDays,
            @Schema(description = "Average hours from creation to assignment of the leads created in the range")
            double avgAssignmentTimeHours,
            List<StatusCount> byStatus,
            LocalDate dateFrom,
            LocalDate dateTo,
            String timeZone) {
    }

    @Schema(name = "PlatformAnalytics")
    record PlatformFigures(String platform, long totalLeads, long wonLeads, long lostLeads, double conversionRate,
            double avgCycleTimeDays, double avgAssignmentTimeHours) {
    }

    @Schema(name = "UserLeadAnalytics")
    record UserFigures(UUID userId, String name,
            @Schema(description = "Leads created in the range and assigned to the user now") long leadsAssigned,
            long leadsWon, long leadsLost, double conversionRate, double avgCycleTimeDays,
            double avgAssignmentTimeHours,
            @Schema(description = "Activities the user logged in the range") long totalActivities,
            @Schema(description = "Of those, completed") long completedActivities) {
    }

    @Schema(name = "TimeBasedAnalytics")
    record PeriodFigures(
            @Schema(description = "2024-01-05 (day), 2024-W01 (ISO week) or 2024-01 (month)") String period,
            @Schema(description = "The period's first day within the range") LocalDate startsOn,
            long newLeads,
            @Schema(description = "Of the leads created in the period, won now") long wonLeads,
            @Schema(description = "Of the leads created in the period, lost now") long lostLeads,
            double conversionRate,
            @Schema(description = "Leads converted in the period") long convertedLeads) {
    }

    private final FactSums facts;
    private final UserDirectory users;

    LeadAnalytics(FactSums facts, UserDirectory users) {
        this.facts = facts;
        this.users = users;
    }

    @Transactional(readOnly = true)
    LeadFigures leads(AnalyticsQuery query) {
        LeadCohort cohort = new LeadCohort();
        Map<UUID, Long> byStatus = new LinkedHashMap<>();
        for (FactSums.Sum sum : facts.of(query, FactMetric.LEAD_CREATED, ANALYTICS_FACTS.STATUS_ID,
                ANALYTICS_FACTS.OWNER_ID)) {
            UUID status = sum.key(ANALYTICS_FACTS.STATUS_ID);
            cohort.add(query, status, sum.key(ANALYTICS_FACTS.OWNER_ID) != null, sum.n());
            byStatus.merge(status, sum.n(), Long::sum);
        }
        FactSums.Sum converted = facts.total(query, FactMetric.LEAD_CONVERTED);
        cohort.addConversions(converted.n(), converted.total());
        FactSums.Sum assigned = facts.total(query, FactMetric.LEAD_ASSIGNED);
        cohort.addAssignments(assigned.n(), assigned.total());
        List<StatusCount> statuses = query.statuses().stream()
                .filter(s -> byStatus.getOrDefault(s.id(), 0L) != 0)
                .map(s -> new StatusCount(s.id(), s.name(), byStatus.get(s.id()))).toList();
        return new LeadFigures(cohort.total, cohort.fresh, cohort.contacted, cohort.won, cohort.lost, cohort.assigned,
                cohort.total - cohort.assigned, cohort.conversionRate(), cohort.converted, cohort.avgCycleTimeDays(),
                cohort.avgAssignmentTimeHours(), statuses, query.range().from(), query.range().to(),
                query.range().zone().getId());
    }

    @Transactional(readOnly = true)
    List<PlatformFigures> platforms(AnalyticsQuery query) {
        Map<String, LeadCohort> cohorts = cohortsBy(query, ANALYTICS_FACTS.PLATFORM);
        return cohorts.entrySet().stream()
                .filter(e -> e.getValue().total != 0 || e.getValue().converted != 0)
                .map(e -> new PlatformFigures(e.getKey(), e.getValue().total, e.getValue().won, e.getValue().lost,
                        e.getValue().conversionRate(), e.getValue().avgCycleTimeDays(),
                        e.getValue().avgAssignmentTimeHours()))
                .sorted(Comparator.comparingLong(PlatformFigures::totalLeads).reversed()
                        .thenComparing(PlatformFigures::platform))
                .toList();
    }

    @Transactional(readOnly = true)
    List<UserFigures> users(AnalyticsQuery query) {
        Map<UUID, LeadCohort> cohorts = cohortsBy(query, ANALYTICS_FACTS.OWNER_ID);
        cohorts.remove(null);
        Map<UUID, long[]> activities = new LinkedHashMap<>();
        for (FactSums.Sum sum : facts.of(query, FactMetric.ACTIVITY, ANALYTICS_FACTS.USER_ID)) {
            UUID user = sum.key(ANALYTICS_FACTS.USER_ID);
            if (user != null) {
                activities.put(user, new long[] {sum.n(), sum.met()});
                cohorts.computeIfAbsent(user, u -> new LeadCohort());
            }
        }
        Map<UUID, UserSummary> names = users.findAll(query.user().organizationId(), cohorts.keySet());
        List<UserFigures> figures = new ArrayList<>();
        cohorts.forEach((user, c) -> {
            long[] done = activities.getOrDefault(user, new long[2]);
            figures.add(new UserFigures(user, nameOf(names.get(user)), c.total, c.won, c.lost, c.conversionRate(),
                    c.avgCycleTimeDays(), c.avgAssignmentTimeHours(), done[0], done[1]));
        });
        figures.sort(Comparator.comparingLong(UserFigures::leadsWon).reversed()
                .thenComparing(Comparator.comparingLong(UserFigures::leadsAssigned).reversed())
                .thenComparing(f -> Objects.toString(f.name(), "")));
        return figures;
    }

    /** The range's days grouped by day, ISO week or month of the organization's calendar. */
    @Transactional(readOnly = true)
    List<PeriodFigures> timeBased(AnalyticsQuery query, String groupBy) {
        Function<LocalDate, String> period = switch (groupBy) {
            case "day" -> LocalDate::toString;
            case "week" -> d -> String.format("%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR),
                    d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            default -> d -> d.format(DateTimeFormatter.ofPattern("yyyy-MM"));
        };
        TreeMap<LocalDate, LeadCohort> byDay = new TreeMap<>();
        for (FactSums.Sum sum : facts.of(query, FactMetric.LEAD_CREATED, ANALYTICS_FACTS.DAY,
                ANALYTICS_FACTS.STATUS_ID)) {
            byDay.computeIfAbsent(sum.key(ANALYTICS_FACTS.DAY), d -> new LeadCohort())
                    .add(query, sum.key(ANALYTICS_FACTS.STATUS_ID), false, sum.n());
        }
        for (FactSums.Sum sum : facts.of(query, FactMetric.LEAD_CONVERTED, ANALYTICS_FACTS.DAY)) {
            byDay.computeIfAbsent(sum.key(ANALYTICS_FACTS.DAY), d -> new LeadCohort())
                    .addConversions(sum.n(), sum.total());
        }
        Map<String, LocalDate> starts = new LinkedHashMap<>();
        Map<String, LeadCohort> periods = new LinkedHashMap<>();
        for (LocalDate day = query.range().from(); !day.isAfter(query.range().to()); day = day.plusDays(1)) {
            String key = period.apply(day);
            starts.putIfAbsent(key, day);
            LeadCohort into = periods.computeIfAbsent(key, k -> new LeadCohort());
            LeadCohort of = byDay.get(day);
            if (of != null) {
                into.total += of.total;
                into.won += of.won;
                into.lost += of.lost;
                into.converted += of.converted;
            }
        }
        return periods.entrySet().stream().map(e -> new PeriodFigures(e.getKey(), starts.get(e.getKey()),
                e.getValue().total, e.getValue().won, e.getValue().lost, e.getValue().conversionRate(),
                e.getValue().converted)).toList();
    }

    /** Cohorts of the leads created in the range per value of one lead dimension (platform, assignee). */
    private <K> Map<K, LeadCohort> cohortsBy(AnalyticsQuery query, Field<K> dimension) {
        Map<K, LeadCohort> cohorts = new LinkedHashMap<>();
        for (FactSums.Sum sum : facts.of(query, FactMetric.LEAD_CREATED, dimension, ANALYTICS_FACTS.STATUS_ID)) {
            cohorts.computeIfAbsent(sum.key(dimension), k -> new LeadCohort())
                    .add(query, sum.key(ANALYTICS_FACTS.STATUS_ID), false, sum.n());
        }
        for (FactSums.Sum sum : facts.of(query, FactMetric.LEAD_CONVERTED, dimension)) {
            cohorts.computeIfAbsent(sum.key(dimension), k -> new LeadCohort()).addConversions(sum.n(), sum.total());
        }
        for (FactSums.Sum sum : facts.of(query, FactMetric.LEAD_ASSIGNED, dimension)) {
            cohorts.computeIfAbsent(sum.key(dimension), k -> new LeadCohort()).addAssignments(sum.n(), sum.total());
        }
        return cohorts;
    }

    static String nameOf(UserSummary user) {
        return user == null ? null : user.fullName();
    }
}
