package com.educonsult.crm.web;

import com.educonsult.crm.analytics.AnalyticsRange;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Links from an analytics figure to the lead list with the same filters: the range as moments of the organization's
 * time zone (the list reads a bare date as UTC), so the list counts the same leads as the figure.
 */
final class AnalyticsLinks {

    private final Map<String, String> query = new LinkedHashMap<>();

    private AnalyticsLinks() {
    }

    static AnalyticsLinks leads() {
        return new AnalyticsLinks();
    }

    AnalyticsLinks created(AnalyticsRange range) {
        query.put("created_from", range.from().atStartOfDay(range.zone()).toOffsetDateTime().toString());
        query.put("created_to", range.end().atZone(range.zone()).toOffsetDateTime().minus(1, ChronoUnit.MICROS)
                .toString());
        return this;
    }

    AnalyticsLinks status(UUID statusId) {
        return with("status", statusId == null ? null : statusId.toString());
    }

    AnalyticsLinks assignedTo(UUID userId) {
        return with("assigned_to", userId == null ? null : userId.toString());
    }

    AnalyticsLinks source(String source) {
        return with("source", source);
    }

    private AnalyticsLinks with(String name, String value) {
        if (value != null && !value.isBlank()) {
            query.put(name, value);
        }
        return this;
    }

    String href() {
        StringBuilder href = new StringBuilder("/leads");
        char separator = '?';
        for (var pair : query.entrySet()) {
            href.append(separator).append(pair.getKey()).append('=')
                    .append(URLEncoder.encode(pair.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return href.toString();
    }
}
