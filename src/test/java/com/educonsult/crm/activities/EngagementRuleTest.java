package com.educonsult.crm.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EngagementRuleTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2025, 6, 15, 12, 0, 0, 0, ZoneOffset.UTC);

    private static String decide(int lastSevenDays, int lastThirtyDays, boolean any, OffsetDateTime createdAt) {
        return EngagementRule.decide(new EngagementRule.Interactions(lastSevenDays, lastThirtyDays, any), createdAt, NOW);
    }

    @Test
    void threeInteractionsInSevenDaysAreHot() {
        assertThat(decide(3, 3, true, null)).isEqualTo("hot");
        assertThat(decide(5, 9, true, NOW.minusDays(2))).isEqualTo("hot");
    }

    @Test
    void fewerThanThreeRecentInteractionsAreActive() {
        assertThat(decide(2, 2, true, null)).isEqualTo("active");
        assertThat(decide(0, 1, true, null)).isEqualTo("active");
    }

    @Test
    void noInteractionInThirtyDaysIsInactive() {
        assertThat(decide(0, 0, true, null)).isEqualTo("inactive");
        assertThat(decide(0, 0, false, NOW.minusDays(31))).isEqualTo("inactive");
    }

    @Test
    void aYoungLeadNeverInteractedWithStaysNew() {
        assertThat(decide(0, 0, false, NOW.minusDays(29))).isEqualTo("new");
    }

    @Test
    void theNightlyHourIsTheOrganizationsTwoOClock() {
        var kolkataTwo = OffsetDateTime.of(2025, 6, 14, 20, 45, 0, 0, ZoneOffset.UTC).toInstant();
        assertThat(EngagementJob.isNightlyHour(ZoneId.of("Asia/Kolkata"), kolkataTwo)).isTrue();
        assertThat(EngagementJob.isNightlyHour(ZoneId.of("UTC"), kolkataTwo)).isFalse();
    }
}
