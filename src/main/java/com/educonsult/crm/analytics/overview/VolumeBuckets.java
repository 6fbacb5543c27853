package com.educonsult.crm.analytics.overview;

import com.educonsult.crm.analytics.AnalyticsRange;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Day, week (from Monday) or month buckets of a range, each labelled by its first day and holding the figures of
 * its days inside the range; every bucket is there, with zeros where nothing happened.
 */
final class VolumeBuckets {

    enum Granularity {
        DAY, WEEK, MONTH;

        static Granularity of(String value) {
            return value == null || value.isBlank() ? DAY : valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }

        LocalDate start(LocalDate day) {
            return switch (this) {
                case DAY -> day;
                case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> day.withDayOfMonth(1);
            };
        }

        LocalDate next(LocalDate start) {
            return switch (this) {
                case DAY -> start.plusDays(1);
                case WEEK -> start.plusWeeks(1);
                case MONTH -> start.plusMonths(1);
            };
        }
    }

    /** A bucket: its first day and the count and converted count of its days. */
    record Bucket(LocalDate date, long count, long converted) {
    }

    private VolumeBuckets() {
    }

    static List<Bucket> of(AnalyticsRange range, Granularity granularity, Map<LocalDate, FactSums.Sum> perDay) {
        Map<LocalDate, FactSums.Sum> buckets = new LinkedHashMap<>();
        for (LocalDate start = granularity.start(range.from()); !start.isAfter(range.to());
                start = granularity.next(start)) {
            buckets.put(start, FactSums.Sum.ZERO);
        }
        perDay.forEach((day, sum) -> {
            if (!day.isBefore(range.from()) && !day.isAfter(range.to())) {
                buckets.merge(granularity.start(day), sum, FactSums.Sum::plus);
            }
        });
        List<Bucket> answer = new ArrayList<>(buckets.size());
        buckets.forEach((date, sum) -> answer.add(new Bucket(date, sum.n(), sum.met())));
        return answer;
    }
}
