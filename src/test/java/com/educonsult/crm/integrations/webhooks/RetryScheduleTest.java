package com.educonsult.crm.integrations.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Duration WINDOW = Duration.ofDays(3);
    private static final Instant CREATED = Instant.parse("2026-01-10T10:00:00Z");

    @Test
    void theDelayGrowsThreefoldFromThirtySecondsUpToTwelveHours() {
        assertThat(RetrySchedule.delay(1, 0.5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetrySchedule.delay(2, 0.5)).isEqualTo(Duration.ofSeconds(90));
        assertThat(RetrySchedule.delay(3, 0.5)).isEqualTo(Duration.ofSeconds(270));
        assertThat(RetrySchedule.delay(7, 0.5)).isEqualTo(Duration.ofSeconds(30 * 729));
        assertThat(RetrySchedule.delay(8, 0.5)).isEqualTo(Duration.ofHours(12));
        assertThat(RetrySchedule.delay(40, 0.5)).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void jitterVariesEachDelayByAtMostTwentyPercent() {
        assertThat(RetrySchedule.delay(1, 0.0)).isEqualTo(Duration.ofSeconds(24));
        assertThat(RetrySchedule.delay(1, 0.999999)).isBetween(Duration.ofMillis(35_999), Duration.ofSeconds(36));
        assertThat(RetrySchedule.delay(8, 0.0)).isEqualTo(Duration.ofMinutes(576));
    }

    @Test
    void failedAttemptsAreRetriedForThreeDaysThenTheDeliveryIsDead() {
        Instant now = CREATED;
        int attempts = 0;
        Optional<Instant> next = Optional.of(now);
        while (next.isPresent()) {
            now = next.get();
            attempts++;
            next = RetrySchedule.next(CREATED, attempts, now, WINDOW, () -> 0.5);
        }

        assertThat(now).isBefore(CREATED.plus(WINDOW));
        assertThat(now).isAfter(CREATED.plus(WINDOW).minus(Duration.ofHours(12)));
        assertThat(attempts).isBetween(12, 14);
    }

    @Test
    void aDeliveryWhoseNextAttemptFallsAfterTheWindowIsDead() {
        Instant late = CREATED.plus(WINDOW).minusSeconds(10);

        assertThat(RetrySchedule.next(CREATED, 1, late, WINDOW, () -> 0.5)).isEmpty();
        assertThat(RetrySchedule.next(CREATED, 1, CREATED, WINDOW, () -> 0.5)).contains(CREATED.plusSeconds(30));
    }

    @Test
    void anEndpointIsDisabledAfterTenFailuresInARowSpanningADay() {
        Instant now = Instant.parse("2026-01-12T10:00:00Z");
        Duration day = Duration.ofHours(24);

        assertThat(RetrySchedule.disables(10, now.minus(day), now, 10, day)).isTrue();
        assertThat(RetrySchedule.disables(9, now.minus(Duration.ofDays(2)), now, 10, day)).isFalse();
        assertThat(RetrySchedule.disables(50, now.minus(Duration.ofHours(23)), now, 10, day)).isFalse();
        assertThat(RetrySchedule.disables(10, null, now, 10, day)).isFalse();
    }
}
