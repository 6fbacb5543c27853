package com.educonsult.crm.analytics.overview;

import static com.educonsult.crm.jooq.Tables.ANALYTICS_FACTS;

import com.educonsult.crm.analytics.AnalyticsRange;
import com.educonsult.crm.analytics.Overview;
import com.educonsult.crm.analytics.facts.FactMetric;
import com.educonsult.crm.leads.LeadStatus;
import com.educonsult.crm.leads.LeadStatuses;
import com.educonsult.crm.leads.LiveLeadCounts;
import com.educonsult.crm.platform.security.CurrentUser;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The consultancy's figures over a range of days: KPIs, lead volume, the funnel and conversion by source, all from
 * the facts of the leads created (or converted) on those days, within the caller's scope and filters.
 */
@Service
class OverviewFigures {

    private final FactSums facts;
    private final LeadStatuses statuses;
    private final LiveLeadCounts live;

    OverviewFigures(FactSums facts, LeadStatuses statuses, LiveLeadCounts live) {
        this.facts = facts;
        this.statuses = statuses;
        this.live = live;
    }

    @Transactional(readOnly = true)
    Overview.Kpis kpis(CurrentUser user, AnalyticsRange range, Overview.Filter filter) {
        FactRows leads = FilterConditions.onLeadFacts(filter);
        FactSums.Sum created = facts.total(user, FactMetric.LEAD_CREATED, range, leads);
        FactSums.Sum converted = facts.total(user, FactMetric.LEAD_CONVERTED, range, leads);
        AnalyticsRange before = range.previous();
        FactSums.Sum createdBefore = facts.total(user, FactMetric.LEAD_CREATED, before, leads);
        FactSums.Sum convertedBefore = facts.total(user, FactMetric.LEAD_CONVERTED, before, leads);
        Set<UUID> open = statuses.list(user.organizationId()).stream()
                .filter(s -> !s.isWon() && !s.isLost()).map(LeadStatus::id).collect(Collectors.toSet());
        long active = activeLeads(user, filter, leads, open);
        return new Overview.Kpis(range.from(), range.to(), range.zone().getId(), created.n(), converted.n(),
                created.met(), Percent.of(created.met(), created.n()), active, createdBefore.n(), convertedBefore.n(),
                change(created.n(), createdBefore.n()), change(converted.n(), convertedBefore.n()));
    }

    /**
     * The live leads in an open status now: from the live tallies, unless the filter names a source or platform
     * (which the tallies do not keep), then from the lead facts of every day.
     */
    private long activeLeads(CurrentUser user, Overview.Filter filter, FactRows leads, Set<UUID> open) {
        if (filter.source() == null && filter.platform() == null) {
            return live.of(user).stream()
                    .filter(g -> open.contains(g.statusId()))
                    .filter(g -> filter.statusId() == null || filter.statusId().equals(g.statusId()))
                    .filter(g -> filter.branchId() == null || filter.branchId().equals(g.branchId()))
                    .filter(g -> filter.userId() == null || filter.userId().equals(g.assignedTo()))
                    .mapToLong(LiveLeadCounts.Group::leads).sum();
        }
        return facts.by(user, FactMetric.LEAD_CREATED, null, leads, ANALYTICS_FACTS.STATUS_ID).entrySet().stream()
                .filter(e -> open.contains(e.getKey())).mapToLong(e -> e.getValue().n()).sum();
    }

    @Transactional(readOnly = true)
    List<Overview.VolumePoint> volume(CurrentUser user, AnalyticsRange range, String granularity,
            Overview.Filter filter) {
        Map<LocalDate, FactSums.Sum> perDay = facts.by(user, FactMetric.LEAD_CREATED, range,
                FilterConditions.onLeadFacts(filter), ANALYTICS_FACTS.DAY);
        return VolumeBuckets.of(range, VolumeBuckets.Granularity.of(granularity), perDay).stream()
                .map(b -> new Overview.VolumePoint(b.date(), b.count(), b.converted())).toList();
    }

    @Transactional(readOnly = true)
    Overview.Funnel funnel(CurrentUser user, AnalyticsRange range, Overview.Filter filter) {
        Map<UUID, Long> byStatus = facts.by(user, FactMetric.LEAD_CREATED, range, FilterConditions.onLeadFacts(filter),
                ANALYTICS_FACTS.STATUS_ID).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().n()));
        List<LeadStatus> pipeline = statuses.list(user.organizationId());
        long lost = sumOf(pipeline, byStatus, LeadStatus::isLost);
        long won = sumOf(pipeline, byStatus, LeadStatus::isWon);
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return new Overview.Funnel(range.from(), range.to(), total, won, lost, FunnelSteps.of(pipeline, byStatus));
    }

    @Transactional(readOnly = true)
    List<Overview.SourceConversion> conversionBySource(CurrentUser user, AnalyticsRange range,
            Overview.Filter filter) {
        return facts.by(user, FactMetric.LEAD_CREATED, range, FilterConditions.onLeadFacts(filter),
                        ANALYTICS_FACTS.SOURCE).entrySet().stream()
                .map(e -> new Overview.SourceConversion(e.getKey(), e.getValue().n(), e.getValue().met(),
                        Percent.of(e.getValue().met(), e.getValue().n())))
                .sorted(Comparator.comparingLong(Overview.SourceConversion::totalLeads).reversed()
                        .thenComparing(Overview.SourceConversion::source,
                                Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    private static long sumOf(List<LeadStatus> statuses, Map<UUID, Long> counts,
            java.util.function.Predicate<LeadStatus> which) {
        return statuses.stream().filter(which).mapToLong(s -> counts.getOrDefault(s.id(), 0L)).sum();
    }

    /** The change against the previous period in percent; null when there was nothing to compare with. */
    private static BigDecimal change(long now, long before) {
        return before == 0 ? null : Percent.of(now - before, before);
    }
}
