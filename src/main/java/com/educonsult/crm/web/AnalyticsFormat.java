package com.educonsult.crm.web;

import org.springframework.stereotype.Component;

/** How analytics pages write durations: "4 min", "2 h 5 min", "3 d 4 h"; a figure of nothing is a dash. */
@Component("analyticsFormat")
public class AnalyticsFormat {

    public String duration(Number seconds) {
        if (seconds == null) {
            return "-";
        }
        long total = Math.round(seconds.doubleValue());
        if (total < 60) {
            return total + " s";
        }
        long minutes = total / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + " h " + minutes % 60 + " min";
        }
        return hours / 24 + " d " + hours % 24 + " h";
    }
}
