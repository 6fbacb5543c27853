package com.educonsult.crm.web.support;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** A browser's date-time control has no zone: its value is a time in the organization's zone. */
public final class LocalTimes {

    private LocalTimes() {
    }

    /** The ISO form with offset of a {@code datetime-local} value; the value as typed when it is not one. */
    public static String toOffset(String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            OffsetDateTime time = LocalDateTime.parse(value.trim()).atZone(zone).toOffsetDateTime();
            return time.toString();
        } catch (DateTimeParseException notLocal) {
            return value.trim();
        }
    }
}
