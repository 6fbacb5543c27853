package com.educonsult.crm.analytics.stages;

/** How figures are rounded in answers: percentages and hours to one decimal (two for hours), zero over nothing. */
final class Figures {

    private Figures() {
    }

    /** {@code part} as a percentage of {@code whole}, one decimal; 0 when the whole is 0. */
    static double percent(long part, long whole) {
        return whole == 0 ? 0 : Math.round(part * 1000.0 / whole) / 10.0;
    }

    /** The average of {@code seconds} over {@code count} in hours, two decimals; 0 when the count is 0. */
    static double hours(long seconds, long count) {
        return count == 0 ? 0 : Math.round(seconds * 100.0 / count / 3600.0) / 100.0;
    }

    /** The same in days. */
    static double days(long seconds, long count) {
        return count == 0 ? 0 : Math.round(seconds * 100.0 / count / 86400.0) / 100.0;
    }

    /** The change from {@code before} to {@code now} in percent of {@code before}, one decimal; null without a base. */
    static Double change(double before, double now) {
        return before == 0 ? null : Math.round((now - before) * 1000.0 / before) / 10.0;
    }
}
