package com.educonsult.crm.analytics.stages;

import static com.educonsult.crm.jooq.Tables.ANALYTICS_FACTS;

import com.educonsult.crm.analytics.facts.FactMetric;
import com.educonsult.crm.leads.LiveLeadCounts;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** What happened in each status over a range (entries, exits, time spent, SLA) beside what stands in it now. */
@Service
class StatusFigures {

    /** One status's figures; the live ones are those of now. */
    static final class OfStatus {
        long entries;
        long exits;
        long exitSeconds;
        long slaMet;
        long slaBreached;
        long noSla;
        long over24h;
        long over48h;
        long overdueSeconds;
        long leadsNow;
        double avgSecondsInNow;

        double avgDurationHours() {
            return Figures.hours(exitSeconds, exits);
        }

        double complianceRate() {
            return Figures.percent(slaMet, slaMet + slaBreached);
        }

        double avgExceededHours() {
            return Figures.hours(overdueSeconds, slaBreached);
        }
    }

    private final FactSums facts;
    private final LiveLeadCounts live;

    StatusFigures(FactSums facts, LiveLeadCounts live) {
        this.facts = facts;
        this.live = live;
    }

    /** Per status id, over the query's range. */
    Map<UUID, OfStatus> of(AnalyticsQuery query, boolean withNow) {
        Map<UUID, OfStatus> figures = new HashMap<>();
        for (FactSums.Sum s : facts.of(query, FactMetric.STAGE_ENTERED, ANALYTICS_FACTS.STATUS_ID)) {
            at(figures, s.key(ANALYTICS_FACTS.STATUS_ID)).entries += s.n();
        }
        for (FactSums.Sum s : facts.of(query, FactMetric.STAGE_EXITED, ANALYTICS_FACTS.STATUS_ID,
                ANALYTICS_FACTS.KIND)) {
            OfStatus status = at(figures, s.key(ANALYTICS_FACTS.STATUS_ID));
            status.exits += s.n();
            status.exitSeconds += s.total();
            switch (s.key(ANALYTICS_FACTS.KIND)) {
                case "met" -> status.slaMet += s.n();
                case "breached" -> status.slaBreached += s.n();
                default -> status.noSla += s.n();
            }
        }
        for (FactSums.Sum s : facts.of(query, FactMetric.STAGE_DURATION, ANALYTICS_FACTS.STATUS_ID,
                ANALYTICS_FACTS.KIND)) {
            OfStatus status = at(figures, s.key(ANALYTICS_FACTS.STATUS_ID));
            status.overdueSeconds += s.total();
            switch (s.key(ANALYTICS_FACTS.KIND)) {
                case "24h_to_48h" -> status.over24h += s.n();
                case "over_48h" -> {
                    status.over24h += s.n();
                    status.over48h += s.n();
                }
                default -> { }
            }
        }
        if (withNow) {
            long nowEpoch = query.now().getEpochSecond();
            live.byStatus(query.user(), query.filters().branchId(), query.filters().userId()).forEach((id, in) -> {
                if (query.filters().statusId() == null || query.filters().statusId().equals(id)) {
                    OfStatus status = at(figures, id);
                    status.leadsNow = in.leads();
                    status.avgSecondsInNow = in.averageSecondsIn(nowEpoch);
                }
            });
        }
        return figures;
    }

    private static OfStatus at(Map<UUID, OfStatus> figures, UUID status) {
        return figures.computeIfAbsent(status, s -> new OfStatus());
    }
}
