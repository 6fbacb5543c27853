package com.educonsult.crm.analytics.overview;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.analytics.AnalyticsRange;
import com.educonsult.crm.analytics.Overview;
import com.educonsult.crm.leads.LeadStatus;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OverviewRulesTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    @Test
    void weeksStartOnMondayAndEveryBucketIsThereWithZeros() {
        AnalyticsRange range = new AnalyticsRange(LocalDate.parse("2026-03-04"), LocalDate.parse("2026-03-17"),
                KOLKATA);
        var buckets = VolumeBuckets.of(range, VolumeBuckets.Granularity.WEEK, Map.of(
                LocalDate.parse("2026-03-04"), new FactSums.Sum(2, 0, 1),
                LocalDate.parse("2026-03-16"), new FactSums.Sum(3, 0, 0),
                LocalDate.parse("2026-03-18"), new FactSums.Sum(9, 0, 0)));
        assertThat(buckets).extracting(VolumeBuckets.Bucket::date).containsExactly(LocalDate.parse("2026-03-02"),
                LocalDate.parse("2026-03-09"), LocalDate.parse("2026-03-16"));
        assertThat(buckets).extracting(VolumeBuckets.Bucket::count).containsExactly(2L, 0L, 3L);
        assertThat(VolumeBuckets.of(range, VolumeBuckets.Granularity.MONTH, Map.of())).hasSize(1);
    }

    @Test
    void aFunnelStepCountsTheLeadsAtItOrBeyondAndLostLeadsOnlyInTheFirst() {
        LeadStatus first = status(1, false, false);
        LeadStatus second = status(2, false, false);
        LeadStatus won = status(3, true, false);
        LeadStatus lost = status(4, false, true);
        List<Overview.FunnelStep> steps = FunnelSteps.of(List.of(won, lost, second, first),
                Map.of(first.id(), 5L, second.id(), 3L, won.id(), 2L, lost.id(), 10L));
        assertThat(steps).extracting(Overview.FunnelStep::statusId).containsExactly(first.id(), second.id(), won.id());
        assertThat(steps).extracting(Overview.FunnelStep::count).containsExactly(20L, 5L, 2L);
        assertThat(steps).extracting(Overview.FunnelStep::dropOff).containsExactly(0L, 15L, 3L);
        assertThat(steps.get(1).dropOffRate()).isEqualByComparingTo("75.0");
        assertThat(steps.get(2).percentage()).isEqualByComparingTo("10.0");
    }

    @Test
    void aSourceDroppedWhenItFellToHalfOfAPeriodWorthWatching() {
        assertThat(AlertRules.volumeDropped(10, 5)).isTrue();
        assertThat(AlertRules.volumeDropped(10, 6)).isFalse();
        assertThat(AlertRules.volumeDropped(4, 0)).isFalse();
    }

    @Test
    void aCounselorIsOverCapacityAboveTheLimitOrWellAboveTheTeam() {
        UUID busy = UUID.randomUUID();
        UUID calm = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        assertThat(AlertRules.overCapacity(Map.of(busy, 60L, calm, 10L, other, 10L), null)).containsOnlyKeys(busy);
        assertThat(AlertRules.overCapacity(Map.of(busy, 6L, calm, 1L, other, 1L), null)).isEmpty();
        assertThat(AlertRules.overCapacity(Map.of(busy, 6L, calm, 1L), 5)).containsOnlyKeys(busy);
        assertThat(AlertRules.overCapacity(Map.of(busy, 600L), null)).isEmpty();
    }

    private static LeadStatus status(int position, boolean won, boolean lost) {
        return new LeadStatus(UUID.randomUUID(), "s" + position, "S" + position, "#000000", position, position == 1,
                won, lost, null, true, Set.of());
    }
}
