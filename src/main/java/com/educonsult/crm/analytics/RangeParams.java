package com.educonsult.crm.analytics;

import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.BindParam;

/**
 * The days of an analytics request as its query parameters {@code date_from} and {@code date_to} (bound with
 * {@code @ParameterObject}), read by {@link AnalyticsRange#of}.
 */
public record RangeParams(
        @Parameter(name = "date_from", description = RangeParams.FROM) @BindParam("date_from") String dateFrom,
        @Parameter(name = "date_to", description = RangeParams.TO) @BindParam("date_to") String dateTo) {

    public static final String FROM = "First day, YYYY-MM-DD, of the organization's time zone (default: the 30 days "
            + "ending on date_to)";
    public static final String TO = "Last day, included (default: today, or the 30th day from date_from)";
}
