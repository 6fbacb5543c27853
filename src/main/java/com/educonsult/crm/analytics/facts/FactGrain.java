package com.educonsult.crm.analytics.facts;

import static com.educonsult.crm.jooq.Tables.ANALYTICS_FACTS;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.jooq.Field;

/**
 * The grains the lead facts are kept at (migration V48): every column, or the scope columns (branch, assignee) with
 * at most one dimension more. A read takes the narrowest grain that has every column it filters or groups by, so a
 * range of lead figures sums a few rows per day and counselor rather than about one row per lead. Work facts have
 * one grain, every column.
 */
public enum FactGrain {
    EVERY_COLUMN(0, null),
    SCOPE(1, null),
    STATUS(2, ANALYTICS_FACTS.STATUS_ID),
    SOURCE(3, ANALYTICS_FACTS.SOURCE),
    PLATFORM(4, ANALYTICS_FACTS.PLATFORM);

    /** The columns every grain keeps. */
    private static final Set<Field<?>> KEPT_BY_ALL = Set.of(ANALYTICS_FACTS.ORGANIZATION_ID, ANALYTICS_FACTS.METRIC,
            ANALYTICS_FACTS.DAY, ANALYTICS_FACTS.BRANCH_ID, ANALYTICS_FACTS.OWNER_ID, ANALYTICS_FACTS.USER_ID);

    private final short code;
    private final Field<?> dimension;

    FactGrain(int code, Field<?> dimension) {
        this.code = (short) code;
        this.dimension = dimension;
    }

    public short code() {
        return code;
    }

    /**
     * The narrowest grain of a metric's facts that has all these columns; null columns mean a read whose columns are
     * not known, which only every column answers.
     */
    public static FactGrain covering(FactMetric metric, Collection<? extends Field<?>> columns) {
        if (!metric.aboutLeads() || columns == null) {
            return EVERY_COLUMN;
        }
        Set<Field<?>> beyond = new HashSet<>(columns);
        beyond.removeAll(KEPT_BY_ALL);
        if (beyond.isEmpty()) {
            return SCOPE;
        }
        if (beyond.size() == 1) {
            Field<?> only = beyond.iterator().next();
            for (FactGrain grain : values()) {
                if (only.equals(grain.dimension)) {
                    return grain;
                }
            }
        }
        return EVERY_COLUMN;
    }
}
