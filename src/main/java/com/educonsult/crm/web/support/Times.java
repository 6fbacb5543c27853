package com.educonsult.crm.web.support;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Times as the pages show them: in the organization's zone, short, and relative where that reads better. */
@Component("times")
public class Times {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMM, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    public String at(OffsetDateTime time, ZoneId zone) {
        return time == null ? "" : time.atZoneSameInstant(zone).format(DAY_TIME);
    }

    public String day(OffsetDateTime time, ZoneId zone) {
        return time == null ? "" : time.atZoneSameInstant(zone).format(DAY);
    }

    public String day(LocalDate day) {
        return day == null ? "" : day.format(DAY);
    }

    /** The value of a {@code datetime-local} control. */
    public String input(OffsetDateTime time, ZoneId zone) {
        return time == null ? "" : time.atZoneSameInstant(zone).format(INPUT);
    }

    /** "3 days", "5 h", "12 min": how long something has lasted. */
    public String duration(Long seconds) {
        if (seconds == null) {
            return "";
        }
        Duration d = Duration.ofSeconds(seconds);
        if (d.toDays() > 0) {
            return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h";
        }
        return Math.max(1, d.toMinutes()) + " min";
    }

    /** "4:05": a call's length. */
    public String clock(Integer seconds) {
        if (seconds == null) {
            return "";
        }
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    public long daysSince(OffsetDateTime time) {
        return time == null ? 0 : Duration.between(time, OffsetDateTime.now()).toDays();
    }

    /** "today", "1 day", "12 days": how long a lead has stood in its status. */
    public String inStatus(OffsetDateTime since) {
        long days = daysSince(since);
        return days <= 0 ? "today" : days == 1 ? "1 day" : days + " days";
    }
}
