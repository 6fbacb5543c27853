package com.educonsult.crm.analytics.overview;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** When a figure deserves an alert. */
final class AlertRules {

    /** A source is worth watching once it brought this many leads in the previous period. */
    static final long SOURCE_MIN_PREVIOUS = 5;
    /** A counselor is over capacity above this multiple of the team's average of open leads. */
    static final double CAPACITY_OVER_AVERAGE = 1.5;
    /** ... and above the average by at least this many leads, so that small teams do not alert on one lead. */
    static final long CAPACITY_MIN_EXCESS = 10;
    /** The first-response deadline of a new lead when its first status has none. */
    static final int DEFAULT_RESPONSE_SLA_HOURS = 24;

    private AlertRules() {
    }

    /** A source whose volume fell to half or less of the previous period's, when that one was worth watching. */
    static boolean volumeDropped(long previous, long now) {
        return previous >= SOURCE_MIN_PREVIOUS && now * 2 <= previous;
    }

    /**
     * The counselors over capacity among those with open leads: above {@code capacity} when one is given, else above
     * {@link #CAPACITY_OVER_AVERAGE} times the team's average and by at least {@link #CAPACITY_MIN_EXCESS} leads.
     */
    static Map<UUID, Long> overCapacity(Map<UUID, Long> openLeads, Integer capacity) {
        if (capacity != null) {
            return openLeads.entrySet().stream().filter(e -> e.getValue() > capacity)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }
        if (openLeads.size() < 2) {
            return Map.of();
        }
        double average = openLeads.values().stream().mapToLong(Long::longValue).average().orElse(0);
        return openLeads.entrySet().stream()
                .filter(e -> e.getValue() > average * CAPACITY_OVER_AVERAGE
                        && e.getValue() - average >= CAPACITY_MIN_EXCESS)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
