package com.educonsult.crm.analytics.overview;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Rates as percentages with one decimal; a rate of nothing is 0. */
final class Percent {

    private Percent() {
    }

    static BigDecimal of(long part, long whole) {
        if (whole == 0) {
            return BigDecimal.ZERO.setScale(1);
        }
        return BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }
}
