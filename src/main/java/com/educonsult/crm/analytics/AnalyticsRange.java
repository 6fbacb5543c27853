package com.educonsult.crm.analytics;

import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The days a figure covers, both ends included, as days of the organization's time zone: {@code date_from} and
 * {@code date_to} of every analytics and report request. A day starts at local midnight, so a lead created at 23:59
 * in Kolkata counts on that day whatever UTC says.
 */
public record AnalyticsRange(LocalDate from, LocalDate to, ZoneId zone) {

    /** The longest range one request may ask for. */
    public static final int MAX_DAYS = 1_100;

    public AnalyticsRange {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to is before from");
        }
    }

    /**
     * The range of a request: either end may be left out (the default is the {@code defaultDays} ending today, or
     * that many days from or to the given end). A bad date is a 400 naming the field; an end before the start or a
     * range longer than {@link #MAX_DAYS} a 422 naming it.
     */
    public static AnalyticsRange of(String dateFrom, String dateTo, int defaultDays, ZoneId zone, Clock clock) {
        LocalDate from = parse("date_from", dateFrom);
        LocalDate to = parse("date_to", dateTo);
        if (to == null) {
            to = from == null ? LocalDate.now(clock.withZone(zone)) : from.plusDays(defaultDays - 1L);
        }
        if (from == null) {
            from = to.minusDays(defaultDays - 1L);
        }
        if (to.isBefore(from)) {
            throw ApiException.invalid("date_to", "must be on or after date_from");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw ApiException.invalid("date_to", "must be at most " + MAX_DAYS + " days after date_from");
        }
        return new AnalyticsRange(from, to, zone);
    }

    /** The last {@code days} days ending today. */
    public static AnalyticsRange lastDays(int days, ZoneId zone, Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return new AnalyticsRange(today.minusDays(days - 1L), today, zone);
    }

    private static LocalDate parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String date = value.length() > 10 && value.charAt(10) == 'T' ? value.substring(0, 10) : value;
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + " must be a date such as 2026-01-31",
                    List.of(new FieldError(field, "must be a date such as 2026-01-31")));
        }
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** The first moment of the range. */
    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first moment after the range. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The range of the same length just before this one: the period trends compare against. */
    public AnalyticsRange previous() {
        long days = days();
        return new AnalyticsRange(from.minusDays(days), from.minusDays(1), zone);
    }
}
