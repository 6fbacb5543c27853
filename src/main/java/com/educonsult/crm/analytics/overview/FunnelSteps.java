package com.educonsult.crm.analytics.overview;

import com.educonsult.crm.analytics.Overview;
import com.educonsult.crm.leads.LeadStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The funnel of a cohort of leads from where each one is now: a lead in a status has passed every earlier status of
 * the pipeline, so a step counts the leads at it or beyond. Lost leads left somewhere on the way: they count in the
 * first step only (every lead entered the pipeline). The drop-off of a step is what the step before it had more.
 */
final class FunnelSteps {

    private FunnelSteps() {
    }

    /** The steps: the pipeline's statuses that are not lost ones, in order (inactive ones only if leads are there). */
    static List<Overview.FunnelStep> of(List<LeadStatus> statuses, Map<UUID, Long> leadsByStatus) {
        List<LeadStatus> pipeline = statuses.stream()
                .filter(s -> !s.isLost() && (s.active() || leadsByStatus.getOrDefault(s.id(), 0L) > 0))
                .sorted(Comparator.comparingInt(LeadStatus::position))
                .toList();
        long everyone = leadsByStatus.values().stream().mapToLong(Long::longValue).sum();
        long[] reached = new long[pipeline.size()];
        long beyond = 0;
        for (int i = pipeline.size() - 1; i >= 0; i--) {
            beyond += leadsByStatus.getOrDefault(pipeline.get(i).id(), 0L);
            reached[i] = beyond;
        }
        if (reached.length > 0) {
            reached[0] = everyone;
        }
        List<Overview.FunnelStep> steps = new ArrayList<>(pipeline.size());
        for (int i = 0; i < pipeline.size(); i++) {
            LeadStatus status = pipeline.get(i);
            long before = i == 0 ? reached[0] : reached[i - 1];
            long dropOff = before - reached[i];
            steps.add(new Overview.FunnelStep(status.id(), status.code(), status.name(), status.color(), reached[i],
                    leadsByStatus.getOrDefault(status.id(), 0L), Percent.of(reached[i], reached[0]), dropOff,
                    Percent.of(dropOff, before)));
        }
        return steps;
    }
}
