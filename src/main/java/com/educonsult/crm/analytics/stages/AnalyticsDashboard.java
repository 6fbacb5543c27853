package com.educonsult.crm.analytics.stages;

import static com.educonsult.crm.jooq.Tables.ANALYTICS_FACTS;

import com.educonsult.crm.analytics.AnalyticsRange;
import com.educonsult.crm.analytics.facts.FactMetric;
import com.educonsult.crm.leads.LiveLeadCounts;
import com.educonsult.crm.leads.OverdueStages;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The analytics dashboard of seeds 02 and 05: the range's leads and conversions, their trend against the previous
 * period of the same length, leads by source, communications per channel, and what stands now (live leads, open SLA
 * breaches).
 */
@Service
class AnalyticsDashboard {

    @Schema(name = "AnalyticsDashboardOverview")
    record Overview(
            @Schema(description = "Leads created in the range") long totalLeads,
            @Schema(description = "Of those, still in the first status") long newLeads,
            @Schema(description = "Of those, moved on and still open") long contactedLeads,
            @Schema(description = "Of those, won now") long wonLeads,
            @Schema(description = "Of those, lost now") long lostLeads,
            @Schema(description = "won_leads in percent of total_leads") double conversionRate,
            @Schema(description = "Leads converted in the range") long convertedLeads,
            double avgCycleTimeDays,
            double avgAssignmentTimeHours,
            @Schema(description = "Users who logged a call, an activity or a message in the range")
            long activeUsers) {
    }

    @Schema(name = "AnalyticsDashboardTrends", description = "Change against the previous period of the same length, "
            + "in percent of the previous figure (null when it was 0); conversion_change in percentage points")
    record Trends(Double leadsChange, Double wonChange, Double convertedChange, double conversionChange,
            Double communicationsChange) {
    }

    @Schema(name = "AnalyticsSourceCount")
    record SourceCount(String source, long count, double percentage) {
    }

    @Schema(name = "AnalyticsCommunicationStats")
    record CommunicationStats(
            @Schema(description = "Communications logged or sent in the range") long total,
            @Schema(description = "Per channel (email, sms, whatsapp, call, ...)") Map<String, Long> byChannel,
            long outbound, long inbound,
            @Schema(description = "Outbound ones delivered or read") long delivered) {
    }

    @Schema(name = "AnalyticsNow")
    record Now(@Schema(description = "Live leads in the caller's scope now") long liveLeads,
            @Schema(description = "Leads standing in a status past its SLA now") long slaBreaches) {
    }

    @Schema(name = "AnalyticsDashboard")
    record Dashboard(
            @Schema(description = "7d, 30d, 90d or custom") String range,
            LocalDate dateFrom, LocalDate dateTo,
            @Schema(description = "The previous period the trends compare against") LocalDate previousFrom,
            LocalDate previousTo, String timeZone,
            Overview overview, Overview previous, Trends trends, List<SourceCount> leadSources,
            CommunicationStats communicationStats, Now now) {
    }

    private final LeadAnalytics leads;
    private final FactSums facts;
    private final LiveLeadCounts live;
    private final OverdueStages overdue;

    AnalyticsDashboard(LeadAnalytics leads, FactSums facts, LiveLeadCounts live, OverdueStages overdue) {
        this.leads = leads;
        this.facts = facts;
        this.live = live;
        this.overdue = overdue;
    }

    @Transactional(readOnly = true)
    Dashboard of(AnalyticsQuery query, String rangeName) {
        AnalyticsRange previousRange = query.range().previous();
        AnalyticsQuery before = query.withRange(previousRange);
        Overview now = overview(query);
        Overview then = overview(before);
        CommunicationStats messages = communications(query);
        long messagesBefore = facts.total(before, FactMetric.MESSAGE).n();
        Trends trends = new Trends(Figures.change(then.totalLeads(), now.totalLeads()),
                Figures.change(then.wonLeads(), now.wonLeads()),
                Figures.change(then.convertedLeads(), now.convertedLeads()),
                Math.round((now.conversionRate() - then.conversionRate()) * 10) / 10.0,
                Figures.change(messagesBefore, messages.total()));
        AnalyticsQuery.Filters f = query.filters();
        long liveLeads = live.byStatus(query.user(), f.branchId(), f.userId()).values().stream()
                .mapToLong(LiveLeadCounts.InStatus::leads).sum();
        long breaches = overdue.now(query.user(), query.now(), null, null, f.branchId(), f.userId(), 1).total();
        return new Dashboard(rangeName == null ? "custom" : rangeName, query.range().from(), query.range().to(),
                previousRange.from(), previousRange.to(), query.range().zone().getId(), now, then, trends,
                sources(query), messages, new Now(liveLeads, breaches));
    }

    private Overview overview(AnalyticsQuery query) {
        LeadAnalytics.LeadFigures figures = leads.leads(query);
        Set<UUID> active = new HashSet<>();
        for (FactMetric work : List.of(FactMetric.CALL, FactMetric.ACTIVITY, FactMetric.MESSAGE)) {
            facts.of(query, work, ANALYTICS_FACTS.USER_ID).stream().filter(s -> s.n() > 0)
                    .map(s -> s.key(ANALYTICS_FACTS.USER_ID)).filter(java.util.Objects::nonNull).forEach(active::add);
        }
        return new Overview(figures.totalLeads(), figures.newLeads(), figures.contactedLeads(), figures.wonLeads(),
                figures.lostLeads(), figures.conversionRate(), figures.convertedLeads(), figures.avgCycleTimeDays(),
                figures.avgAssignmentTimeHours(), active.size());
    }

    private List<SourceCount> sources(AnalyticsQuery query) {
        Map<String, Long> bySource = new LinkedHashMap<>();
        facts.of(query, FactMetric.LEAD_CREATED, ANALYTICS_FACTS.SOURCE).forEach(s ->
                bySource.merge(s.key(ANALYTICS_FACTS.SOURCE) == null ? "unknown" : s.key(ANALYTICS_FACTS.SOURCE),
                        s.n(), Long::sum));
        long total = bySource.values().stream().mapToLong(Long::longValue).sum();
        return bySource.entrySet().stream().filter(e -> e.getValue() != 0)
                .map(e -> new SourceCount(e.getKey(), e.getValue(), Figures.percent(e.getValue(), total)))
                .sorted(Comparator.comparingLong(SourceCount::count).reversed().thenComparing(SourceCount::source))
                .toList();
    }

    private CommunicationStats communications(AnalyticsQuery query) {
        Map<String, Long> byChannel = new TreeMap<>();
        long outbound = 0;
        long inbound = 0;
        long delivered = 0;
        for (FactSums.Sum s : facts.of(query, FactMetric.MESSAGE, ANALYTICS_FACTS.KIND, ANALYTICS_FACTS.SOURCE)) {
            byChannel.merge(s.key(ANALYTICS_FACTS.KIND), s.n(), Long::sum);
            if ("outbound".equals(s.key(ANALYTICS_FACTS.SOURCE))) {
                outbound += s.n();
                delivered += s.met();
            } else {
                inbound += s.n();
            }
        }
        byChannel.values().removeIf(v -> v == 0);
        long total = byChannel.values().stream().mapToLong(Long::longValue).sum();
        return new CommunicationStats(total, byChannel, outbound, inbound, delivered);
    }
}
