package com.educonsult.crm.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    private static OffsetDateTime at(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(KOLKATA).toOffsetDateTime();
    }

    @Test
    void overnightHoursHoldUntilTheMorningAfter() {
        var end = Notifier.QuietHours.end(LocalTime.of(22, 0), LocalTime.of(7, 0), at("2026-03-10T23:15"), KOLKATA);
        assertThat(end).hasValueSatisfying(e -> assertThat(e.toInstant()).isEqualTo(at("2026-03-11T07:00").toInstant()));
    }

    @Test
    void overnightHoursAfterMidnightEndThatMorning() {
        var end = Notifier.QuietHours.end(LocalTime.of(22, 0), LocalTime.of(7, 0), at("2026-03-11T05:30"), KOLKATA);
        assertThat(end).hasValueSatisfying(e -> assertThat(e.toInstant()).isEqualTo(at("2026-03-11T07:00").toInstant()));
    }

    @Test
    void outsideTheHoursNothingWaits() {
        assertThat(Notifier.QuietHours.end(LocalTime.of(22, 0), LocalTime.of(7, 0), at("2026-03-11T07:00"), KOLKATA))
                .isEmpty();
        assertThat(Notifier.QuietHours.end(LocalTime.of(13, 0), LocalTime.of(14, 0), at("2026-03-11T12:59"), KOLKATA))
                .isEmpty();
        assertThat(Notifier.QuietHours.end(LocalTime.of(9, 0), LocalTime.of(9, 0), at("2026-03-11T09:00"), KOLKATA))
                .isEmpty();
    }

    @Test
    void daytimeHoursEndTheSameDay() {
        var end = Notifier.QuietHours.end(LocalTime.of(13, 0), LocalTime.of(14, 0), at("2026-03-11T13:00"), KOLKATA);
        assertThat(end).hasValueSatisfying(e -> assertThat(e.toInstant()).isEqualTo(at("2026-03-11T14:00").toInstant()));
    }

    @Test
    void aZoneWithDaylightSavingEndsAtTheLocalTime() {
        ZoneId london = ZoneId.of("Europe/London");
        // the clocks go forward at 01:00 on 29 March 2026
        OffsetDateTime night = java.time.LocalDateTime.parse("2026-03-28T23:30").atZone(london).toOffsetDateTime();
        var end = Notifier.QuietHours.end(LocalTime.of(22, 0), LocalTime.of(7, 0), night, london);
        assertThat(end).hasValueSatisfying(e -> assertThat(e.atZoneSameInstant(london).toLocalTime())
                .isEqualTo(LocalTime.of(7, 0)));
    }
}
