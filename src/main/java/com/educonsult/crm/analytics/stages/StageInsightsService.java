package com.educonsult.crm.analytics.stages;

import com.educonsult.crm.analytics.StageInsights;
import com.educonsult.crm.platform.security.CurrentUser;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The console's stage figures, from the same services as the stage metrics API. */
@Service
class StageInsightsService implements StageInsights {

    private final AnalyticsQueries queries;
    private final StageAnalytics stages;

    StageInsightsService(AnalyticsQueries queries, StageAnalytics stages) {
        this.queries = queries;
        this.stages = stages;
    }

    @Override
    @Transactional(readOnly = true)
    public Sla sla(CurrentUser user, String dateFrom, String dateTo, int breachLimit) {
        AnalyticsQuery query = queries.of(user, dateFrom, dateTo, null, null, null, null);
        StageAnalytics.Compliance compliance = stages.compliance(query);
        StageAnalytics.Violations violations = stages.violations(query, false, breachLimit);
        return new Sla(compliance.dateFrom(), compliance.dateTo(), compliance.timeZone(), violations.total(),
                violations.violations().stream().map(v -> new Breach(v.leadId(), v.leadName(), v.status(),
                        v.slaDueAt(), v.overdueHours(), v.assigneeName())).toList(),
                compliance.withinSla(), compliance.exceededSla(), compliance.complianceRate(),
                compliance.avgExceededHours(),
                compliance.byStatus().stream().map(s -> new StatusRate(s.status(), s.slaHours(), s.withinSla(),
                        s.exceededSla(), s.complianceRate(), s.avgExceededHours())).toList(),
                compliance.byDay().stream().map(d -> new Day(d.day(), d.withinSla(), d.exceededSla(),
                        d.complianceRate())).toList());
    }

    @Override
    @Transactional(readOnly = true)
    public Matrix transitions(CurrentUser user, String dateFrom, String dateTo) {
        StageAnalytics.TransitionMatrix matrix = stages.matrix(queries.of(user, dateFrom, dateTo, null, null, null,
                null));
        Map<UUID, Map<UUID, Long>> counts = new LinkedHashMap<>();
        Map<UUID, Long> first = new LinkedHashMap<>();
        matrix.transitions().forEach(t -> {
            if (t.fromStatusId() == null) {
                first.put(t.toStatusId(), t.count());
            } else {
                counts.computeIfAbsent(t.fromStatusId(), f -> new LinkedHashMap<>()).put(t.toStatusId(), t.count());
            }
        });
        return new Matrix(matrix.dateFrom(), matrix.dateTo(), matrix.statuses().stream()
                .map(s -> new Status(s.id(), s.name(), s.color())).toList(), counts, first, matrix.total(),
                matrix.maxCount());
    }
}
