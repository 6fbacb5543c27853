package com.educonsult.crm.analytics.stages;

import static com.educonsult.crm.jooq.Tables.ANALYTICS_FACTS;

import com.educonsult.crm.analytics.facts.FactMetric;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.leads.LeadStatus;
import com.educonsult.crm.leads.OverdueStages;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seed 02's stage metrics: per status, per user, between statuses (the transition matrix), against the SLA, and
 * what stands now; from the stage facts (the work of who moved the lead into the stage), the lead tallies and the
 * open stages past their deadline.
 */
@Service
class StageAnalytics {

    @Schema(name = "StagePerformance")
    record StatusPerformance(UUID statusId, String statusName, String statusCode,
            @Schema(description = "Leads that entered the status in the range") long totalEntries,
            @Schema(description = "Stays in the status that ended in the range") long totalExits,
            @Schema(description = "Leads in the status now") long currentlyInStage,
            @Schema(description = "Average length of the stays that ended in the range") double avgDurationHours,
            @JsonProperty("leads_exceeding_24h") @Schema(description = "Of those stays, longer than 24 hours")
            long leadsExceeding24h,
            @JsonProperty("leads_exceeding_48h") @Schema(description = "Of those stays, longer than 48 hours")
            long leadsExceeding48h,
            long slaMet, long slaBreached, double slaComplianceRate) {
    }

    @Schema(name = "StageUserPerformance")
    record UserPerformance(UUID userId, String name,
            @Schema(description = "Leads the user moved to another status in the range") long stageChanges,
            long movedToWon, long movedToLost,
            @Schema(description = "Stays the user started that ended in the range") long stagesLeft,
            double avgStageHours, long slaMet, long slaBreached, double slaComplianceRate) {
    }

    @Schema(name = "StageStatusRef")
    record StatusRef(UUID id, String name, String code, String color, boolean isWon, boolean isLost) {
    }

    @Schema(name = "StageTransition")
    record Transition(
            @Schema(description = "The status left; null for a lead's first status") UUID fromStatusId,
            UUID toStatusId, long count,
            @Schema(description = "count in percent of all moves out of from_status_id in the range")
            double shareOfFrom) {
    }

    @Schema(name = "StageTransitionMatrix")
    record TransitionMatrix(List<StatusRef> statuses, List<Transition> transitions,
            @Schema(description = "All moves between statuses in the range (first statuses excluded)") long total,
            @Schema(description = "The largest count of one pair, for colour scales") long maxCount,
            LocalDate dateFrom, LocalDate dateTo) {
    }

    @Schema(name = "SlaViolation")
    record Violation(UUID stageId, UUID leadId, String leadName, UUID statusId, String status,
            OffsetDateTime enteredAt, OffsetDateTime slaDueAt,
            @Schema(description = "Hours since the deadline passed") double overdueHours,
            UUID assignedTo, String assigneeName, UUID branchId) {
    }

    @Schema(name = "SlaViolationCount")
    record StatusBreaches(UUID statusId, String status, long count) {
    }

    @Schema(name = "SlaViolations")
    record Violations(@Schema(description = "Leads standing in a status past its SLA now") long total,
            List<StatusBreaches> byStatus,
            @Schema(description = "The longest overdue first, at most limit") List<Violation> violations,
            OffsetDateTime asOf) {
    }

    @Schema(name = "StageNextStatus")
    record Next(UUID statusId, String status, long count, double rate) {
    }

    @Schema(name = "StageConversionRate")
    record ConversionRate(UUID statusId, String status,
            @Schema(description = "Leads that entered the status in the range") long entries,
            @Schema(description = "Moves out of the status in the range") long movedOn,
            long toWon, long toLost,
            @Schema(description = "to_won in percent of moved_on") double wonRate,
            double lostRate, List<Next> next) {
    }

    @Schema(name = "StageStatusNow")
    record StatusNow(UUID statusId, String status, String color, long leads, double avgDaysInStatus) {
    }

    @Schema(name = "StageSummary")
    record Summary(@Schema(description = "Live leads now") long liveLeads, List<StatusNow> byStatus,
            @Schema(description = "Moves between statuses in the range") long stageChanges,
            long slaBreachesNow, double slaComplianceRate, LocalDate dateFrom, LocalDate dateTo) {
    }

    @Schema(name = "StageStatusStatistics")
    record StatusStatistics(UUID statusId, String status, String code, String color, long leadsNow,
            double avgDaysInStatusNow, long entries, long exits, double avgDurationHours, long slaMet,
            long slaBreached) {
    }

    @Schema(name = "SlaStatusCompliance")
    record StatusCompliance(UUID statusId, String status, Integer slaHours, long withinSla, long exceededSla,
            double complianceRate, double avgExceededHours) {
    }

    @Schema(name = "SlaDayCompliance")
    record DayCompliance(LocalDate day, long withinSla, long exceededSla, double complianceRate) {
    }

    @Schema(name = "SlaCompliance")
    record Compliance(
            @Schema(description = "Stays with an SLA that ended in the range") long totalStages,
            long withinSla, long exceededSla,
            @Schema(description = "Stays without an SLA that ended in the range") long withoutSla,
            double complianceRate,
            @Schema(description = "Average hours past the deadline of the stays that exceeded it")
            double avgExceededHours,
            List<StatusCompliance> byStatus,
            @Schema(description = "Every day of the range, for the chart") List<DayCompliance> byDay,
            @Schema(description = "Leads standing in a status past its SLA now") long breachedNow,
            LocalDate dateFrom, LocalDate dateTo, String timeZone) {
    }

    @Schema(name = "WorkflowEfficiency")
    record Efficiency(long leadsCreated, long leadsConverted,
            @Schema(description = "Of the leads created in the range, won now, in percent") double conversionRate,
            double avgDaysToConvert,
            @Schema(description = "Moves between statuses in the range") long stageChanges,
            @Schema(description = "stage_changes per lead created in the range") double stageChangesPerNewLead,
            double avgStageHours, double slaComplianceRate, List<StatusPerformance> byStatus) {
    }

    @Schema(name = "StageBottleneck")
    record Bottleneck(UUID statusId, String status, long leadsNow, double avgDaysInStatusNow,
            double avgDurationHours,
            @Schema(description = "Entries minus exits in the range: positive when leads pile up") long netInflow,
            @Schema(description = "Breached stays in percent of stays with an SLA that ended in the range")
            double breachRate,
            long breachedNow,
            @Schema(description = "Stays of this status are at least 1.5 times as long as the average stay, or "
                    + "a quarter of them breach the SLA") boolean bottleneck) {
    }

    private final StatusFigures statusFigures;
    private final FactSums facts;
    private final OverdueStages overdue;
    private final UserDirectory users;
    private final LeadAnalytics leads;

    StageAnalytics(StatusFigures statusFigures, FactSums facts, OverdueStages overdue, UserDirectory users,
            LeadAnalytics leads) {
        this.statusFigures = statusFigures;
        this.facts = facts;
        this.overdue = overdue;
        this.users = users;
        this.leads = leads;
    }

    @Transactional(readOnly = true)
    List<StatusPerformance> performance(AnalyticsQuery query) {
        Map<UUID, StatusFigures.OfStatus> figures = statusFigures.of(query, true);
        return shown(query, figures).stream().map(s -> performanceOf(s, figures.get(s.id()))).toList();
    }

    @Transactional(readOnly = true)
    List<UserPerformance> users(AnalyticsQuery query) {
        Map<UUID, long[]> byUser = new LinkedHashMap<>();
        for (FactSums.Sum s : facts.of(query, FactMetric.STAGE_ENTERED, ANALYTICS_FACTS.USER_ID,
                ANALYTICS_FACTS.STATUS_ID, ANALYTICS_FACTS.FROM_STATUS_ID)) {
            if (s.key(ANALYTICS_FACTS.FROM_STATUS_ID) == null || s.key(ANALYTICS_FACTS.USER_ID) == null) {
                continue;
            }
            long[] f = byUser.computeIfAbsent(s.key(ANALYTICS_FACTS.USER_ID), u -> new long[7]);
            f[0] += s.n();
            if (query.isWon(s.key(ANALYTICS_FACTS.STATUS_ID))) {
                f[1] += s.n();
            } else if (query.isLost(s.key(ANALYTICS_FACTS.STATUS_ID))) {
                f[2] += s.n();
            }
        }
        for (FactSums.Sum s : facts.of(query, FactMetric.STAGE_EXITED, ANALYTICS_FACTS.USER_ID,
                ANALYTICS_FACTS.KIND)) {
            if (s.key(ANALYTICS_FACTS.USER_ID) == null) {
                continue;
            }
            long[] f = byUser.computeIfAbsent(s.key(ANALYTICS_FACTS.USER_ID), u -> new long[7]);
            f[3] += s.n();
            f[4] += s.total();
            if ("met".equals(s.key(ANALYTICS_FACTS.KIND))) {
                f[5] += s.n();
            } else if ("breached".equals(s.key(ANALYTICS_FACTS.KIND))) {
                f[6] += s.n();
            }
        }
        Map<UUID, UserSummary> names = users.findAll(query.user().organizationId(), byUser.keySet());
        List<UserPerformance> list = new ArrayList<>();
        byUser.forEach((user, f) -> {
            list.add(new UserPerformance(user, LeadAnalytics.nameOf(names.get(user)), f[0], f[1], f[2], f[3],
                    Figures.hours(f[4], f[3]), f[5], f[6], Figures.percent(f[5], f[5] + f[6])));
        });
        list.sort(Comparator.comparingLong(UserPerformance::stageChanges).reversed()
                .thenComparing(p -> Objects.toString(p.name(), "")));
        return list;
    }

    @Transactional(readOnly = true)
    TransitionMatrix matrix(AnalyticsQuery query) {
        Map<List<UUID>, Long> counts = new LinkedHashMap<>();
        for (FactSums.Sum s : facts.of(query, FactMetric.STAGE_ENTERED, ANALYTICS_FACTS.FROM_STATUS_ID,
                ANALYTICS_FACTS.STATUS_ID)) {
            counts.merge(java.util.Arrays.asList(s.key(ANALYTICS_FACTS.FROM_STATUS_ID),
                    s.key(ANALYTICS_FACTS.STATUS_ID)), s.n(), Long::sum);
        }
        Map<UUID, Long> outOf = new LinkedHashMap<>();
        counts.forEach((pair, n) -> {
            if (pair.get(0) != null) {
                outOf.merge(pair.get(0), n, Long::sum);
            }
        });
        Map<UUID, Integer> order = new LinkedHashMap<>();
        query.statuses().forEach(s -> order.put(s.id(), order.size()));
        List<Transition> transitions = counts.entrySet().stream().filter(e -> e.getValue() != 0)
                .map(e -> new Transition(e.getKey().get(0), e.getKey().get(1), e.getValue(),
                        e.getKey().get(0) == null ? 100.0
                                : Figures.percent(e.getValue(), outOf.get(e.getKey().get(0)))))
                .sorted(Comparator.comparingInt((Transition t) -> t.fromStatusId() == null ? -1
                                : order.getOrDefault(t.fromStatusId(), Integer.MAX_VALUE))
                        .thenComparingInt(t -> order.getOrDefault(t.toStatusId(), Integer.MAX_VALUE)))
                .toList();
        long total = outOf.values().stream().mapToLong(Long::longValue).sum();
        long max = transitions.stream().filter(t -> t.fromStatusId() != null).mapToLong(Transition::count).max()
                .orElse(0);
        Set<UUID> used = new HashSet<>();
        transitions.forEach(t -> {
            used.add(t.fromStatusId());
            used.add(t.toStatusId());
        });
        List<StatusRef> statuses = query.statuses().stream().filter(s -> s.active() || used.contains(s.id()))
                .map(s -> new StatusRef(s.id(), s.name(), s.code(), s.color(), s.isWon(), s.isLost())).toList();
        return new TransitionMatrix(statuses, transitions, total, max, query.range().from(), query.range().to());
    }

    /**
     * Open stages past their deadline now; with a range named, only those whose deadline fell in its days.
     *
     * @param ranged whether the request named date_from or date_to
     */
    @Transactional(readOnly = true)
    Violations violations(AnalyticsQuery query, boolean ranged, int limit) {
        Instant upTo = ranged && query.range().end().isBefore(query.now()) ? query.range().end() : query.now();
        Instant after = ranged ? query.range().start() : null;
        AnalyticsQuery.Filters f = query.filters();
        OverdueStages.Breaches breaches = overdue.now(query.user(), upTo, after, f.statusId(), f.branchId(),
                f.userId(), limit);
        Set<UUID> assignees = new HashSet<>();
        breaches.longestOverdue().forEach(b -> {
            if (b.assignedTo() != null) {
                assignees.add(b.assignedTo());
            }
        });
        Map<UUID, UserSummary> names = users.findAll(query.user().organizationId(), assignees);
        List<Violation> list = breaches.longestOverdue().stream().map(b -> new Violation(b.stageId(), b.leadId(),
                b.leadName(), b.statusId(), query.statusName(b.statusId()), b.enteredAt(), b.slaDueAt(),
                Math.round(Duration.between(b.slaDueAt().toInstant(), query.now()).toMinutes() / 6.0) / 10.0,
                b.assignedTo(),
                b.assignedTo() == null ? null : LeadAnalytics.nameOf(names.get(b.assignedTo())), b.branchId())).toList();
        List<StatusBreaches> byStatus = query.statuses().stream()
                .filter(s -> breaches.perStatus().getOrDefault(s.id(), 0L) > 0)
                .map(s -> new StatusBreaches(s.id(), s.name(), breaches.perStatus().get(s.id()))).toList();
        return new Violations(breaches.total(), byStatus, list,
                OffsetDateTime.ofInstant(query.now(), java.time.ZoneOffset.UTC));
    }

    @Transactional(readOnly = true)
    List<ConversionRate> conversionRates(AnalyticsQuery query) {
        AnalyticsQuery unfiltered = new AnalyticsQuery(query.user(), query.range(),
                new AnalyticsQuery.Filters(null, query.filters().branchId(), query.filters().userId(), null),
                query.statuses(), query.now());
        Map<UUID, Long> entries = new LinkedHashMap<>();
        Map<UUID, Map<UUID, Long>> next = new LinkedHashMap<>();
        for (FactSums.Sum s : facts.of(unfiltered, FactMetric.STAGE_ENTERED, ANALYTICS_FACTS.FROM_STATUS_ID,
                ANALYTICS_FACTS.STATUS_ID)) {
            UUID to = s.key(ANALYTICS_FACTS.STATUS_ID);
            entries.merge(to, s.n(), Long::sum);
            UUID from = s.key(ANALYTICS_FACTS.FROM_STATUS_ID);
            if (from != null) {
                next.computeIfAbsent(from, x -> new LinkedHashMap<>()).merge(to, s.n(), Long::sum);
            }
        }
        UUID only = query.filters().statusId();
        return query.statuses().stream()
                .filter(s -> only == null ? s.active() || entries.containsKey(s.id()) : s.id().equals(only))
                .map(s -> {
                    Map<UUID, Long> out = next.getOrDefault(s.id(), Map.of());
                    long movedOn = out.values().stream().mapToLong(Long::longValue).sum();
                    long won = out.entrySet().stream().filter(e -> query.isWon(e.getKey()))
                            .mapToLong(Map.Entry::getValue).sum();
                    long lost = out.entrySet().stream().filter(e -> query.isLost(e.getKey()))
                            .mapToLong(Map.Entry::getValue).sum();
                    List<Next> to = query.statuses().stream().filter(t -> out.getOrDefault(t.id(), 0L) != 0)
                            .map(t -> new Next(t.id(), t.name(), out.get(t.id()),
                                    Figures.percent(out.get(t.id()), movedOn)))
                            .toList();
                    return new ConversionRate(s.id(), s.name(), entries.getOrDefault(s.id(), 0L), movedOn, won, lost,
                            Figures.percent(won, movedOn), Figures.percent(lost, movedOn), to);
                }).toList();
    }

    @Transactional(readOnly = true)
    Summary summary(AnalyticsQuery query) {
        Map<UUID, StatusFigures.OfStatus> figures = statusFigures.of(query, true);
        List<StatusNow> now = query.statuses().stream()
                .filter(s -> s.active() || figures.containsKey(s.id()) && figures.get(s.id()).leadsNow > 0)
                .map(s -> {
                    StatusFigures.OfStatus f = figures.getOrDefault(s.id(), new StatusFigures.OfStatus());
                    return new StatusNow(s.id(), s.name(), s.color(), f.leadsNow,
                            Math.round(f.avgSecondsInNow / 864.0) / 100.0);
                }).toList();
        long live = now.stream().mapToLong(StatusNow::leads).sum();
        long changes = moves(query);
        long met = figures.values().stream().mapToLong(f -> f.slaMet).sum();
        long breached = figures.values().stream().mapToLong(f -> f.slaBreached).sum();
        long breachesNow = violations(query, false, 1).total();
        return new Summary(live, now, changes, breachesNow, Figures.percent(met, met + breached),
                query.range().from(), query.range().to());
    }

    @Transactional(readOnly = true)
    List<StatusStatistics> statusStatistics(AnalyticsQuery query) {
        Map<UUID, StatusFigures.OfStatus> figures = statusFigures.of(query, true);
        return shown(query, figures).stream().map(s -> {
            StatusFigures.OfStatus f = figures.getOrDefault(s.id(), new StatusFigures.OfStatus());
            return new StatusStatistics(s.id(), s.name(), s.code(), s.color(), f.leadsNow,
                    Math.round(f.avgSecondsInNow / 864.0) / 100.0, f.entries, f.exits, f.avgDurationHours(),
                    f.slaMet, f.slaBreached);
        }).toList();
    }

    @Transactional(readOnly = true)
    Compliance compliance(AnalyticsQuery query) {
        Map<UUID, StatusFigures.OfStatus> figures = statusFigures.of(query, false);
        long met = 0;
        long breached = 0;
        long without = 0;
        long overdueSeconds = 0;
        for (StatusFigures.OfStatus f : figures.values()) {
            met += f.slaMet;
            breached += f.slaBreached;
            without += f.noSla;
            overdueSeconds += f.overdueSeconds;
        }
        List<StatusCompliance> byStatus = query.statuses().stream()
                .filter(s -> s.slaHours() != null || figures.containsKey(s.id())
                        && figures.get(s.id()).slaMet + figures.get(s.id()).slaBreached > 0)
                .map(s -> {
                    StatusFigures.OfStatus f = figures.getOrDefault(s.id(), new StatusFigures.OfStatus());
                    return new StatusCompliance(s.id(), s.name(), s.slaHours(), f.slaMet, f.slaBreached,
                            f.complianceRate(), f.avgExceededHours());
                }).toList();
        TreeMap<LocalDate, long[]> days = new TreeMap<>();
        for (LocalDate d = query.range().from(); !d.isAfter(query.range().to()); d = d.plusDays(1)) {
            days.put(d, new long[2]);
        }
        for (FactSums.Sum s : facts.of(query, FactMetric.STAGE_EXITED, ANALYTICS_FACTS.DAY, ANALYTICS_FACTS.KIND)) {
            long[] day = days.get(s.key(ANALYTICS_FACTS.DAY));
            if ("met".equals(s.key(ANALYTICS_FACTS.KIND))) {
                day[0] += s.n();
            } else if ("breached".equals(s.key(ANALYTICS_FACTS.KIND))) {
                day[1] += s.n();
            }
        }
        List<DayCompliance> byDay = days.entrySet().stream().map(e -> new DayCompliance(e.getKey(), e.getValue()[0],
                e.getValue()[1], Figures.percent(e.getValue()[0], e.getValue()[0] + e.getValue()[1]))).toList();
        return new Compliance(met + breached, met, breached, without, Figures.percent(met, met + breached),
                Figures.hours(overdueSeconds, breached), byStatus, byDay, violations(query, false, 1).total(),
                query.range().from(), query.range().to(), query.range().zone().getId());
    }

    @Transactional(readOnly = true)
    Efficiency efficiency(AnalyticsQuery query) {
        Map<UUID, StatusFigures.OfStatus> figures = statusFigures.of(query, false);
        LeadAnalytics.LeadFigures created = leads.leads(query);
        long moves = moves(query);
        long exits = figures.values().stream().mapToLong(f -> f.exits).sum();
        long seconds = figures.values().stream().mapToLong(f -> f.exitSeconds).sum();
        long met = figures.values().stream().mapToLong(f -> f.slaMet).sum();
        long breached = figures.values().stream().mapToLong(f -> f.slaBreached).sum();
        List<StatusPerformance> byStatus = shown(query, figures).stream()
                .map(s -> performanceOf(s, figures.get(s.id()))).toList();
        return new Efficiency(created.totalLeads(), created.convertedLeads(), created.conversionRate(),
                created.avgCycleTimeDays(), moves,
                created.totalLeads() == 0 ? 0 : Math.round(moves * 100.0 / created.totalLeads()) / 100.0,
                Figures.hours(seconds, exits), Figures.percent(met, met + breached), byStatus);
    }

    @Transactional(readOnly = true)
    List<Bottleneck> bottlenecks(AnalyticsQuery query) {
        Map<UUID, StatusFigures.OfStatus> figures = statusFigures.of(query, true);
        Map<UUID, Long> breachedNow = overdue.now(query.user(), query.now(), null, query.filters().statusId(),
                query.filters().branchId(), query.filters().userId(), 1).perStatus();
        long exits = figures.values().stream().mapToLong(f -> f.exits).sum();
        long seconds = figures.values().stream().mapToLong(f -> f.exitSeconds).sum();
        double averageStay = exits == 0 ? 0 : (double) seconds / exits;
        return shown(query, figures).stream().filter(s -> !s.isWon() && !s.isLost()).map(s -> {
            StatusFigures.OfStatus f = figures.getOrDefault(s.id(), new StatusFigures.OfStatus());
            double stay = f.exits == 0 ? 0 : (double) f.exitSeconds / f.exits;
            double breachRate = Figures.percent(f.slaBreached, f.slaMet + f.slaBreached);
            boolean slow = averageStay > 0 && f.exits > 0 && stay >= 1.5 * averageStay;
            return new Bottleneck(s.id(), s.name(), f.leadsNow, Math.round(f.avgSecondsInNow / 864.0) / 100.0,
                    f.avgDurationHours(), f.entries - f.exits, breachRate, breachedNow.getOrDefault(s.id(), 0L),
                    slow || breachRate >= 25);
        }).sorted(Comparator.comparing(Bottleneck::bottleneck).reversed()
                .thenComparing(Comparator.comparingDouble(Bottleneck::avgDurationHours).reversed())
                .thenComparing(Comparator.comparingLong(Bottleneck::leadsNow).reversed()))
                .toList();
    }

    /** Moves between statuses (a lead's first status is no move). */
    private long moves(AnalyticsQuery query) {
        return facts.of(query, FactMetric.STAGE_ENTERED, ANALYTICS_FACTS.FROM_STATUS_ID.isNotNull().as("moved"))
                .stream().filter(s -> Boolean.TRUE.equals(s.keys().get("moved", Boolean.class)))
                .mapToLong(FactSums.Sum::n).sum();
    }

    /** The statuses an answer lists: the filtered one, or the active ones and the inactive ones with figures. */
    private static List<LeadStatus> shown(AnalyticsQuery query, Map<UUID, StatusFigures.OfStatus> figures) {
        UUID only = query.filters().statusId();
        return query.statuses().stream()
                .filter(s -> only == null ? s.active() || figures.containsKey(s.id()) : s.id().equals(only))
                .toList();
    }

    private static StatusPerformance performanceOf(LeadStatus s, StatusFigures.OfStatus figures) {
        StatusFigures.OfStatus f = figures == null ? new StatusFigures.OfStatus() : figures;
        return new StatusPerformance(s.id(), s.name(), s.code(), f.entries, f.exits, f.leadsNow,
                f.avgDurationHours(), f.over24h, f.over48h, f.slaMet, f.slaBreached, f.complianceRate());
    }
}
