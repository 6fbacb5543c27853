package com.educonsult.crm.reports;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What a report shows: one entity, its columns (or groups and aggregations), filters, the date range over the
 * entity's time and the order. Every name comes from the entity's whitelist; a name it does not hold is a 422
 * naming the field.
 */
@Schema(name = "ReportDefinition")
public record ReportDefinition(
        @Schema(description = "leads, calls, activities, tasks, stages or communications") @NotBlank String entity,
        @Schema(description = "Columns of a row report, in order; empty for the entity's default ones")
        @Size(max = 40) List<String> columns,
        @Size(max = 20) List<@Valid Filter> filters,
        @Schema(description = "Columns to group by") @Size(max = 5) List<String> groupBy,
        @Schema(description = "Group by the day, week (from Monday) or month of the entity's time, in the "
                + "organization's time zone", allowableValues = {"day", "week", "month"}) String dateBucket,
        @Schema(description = "First day (organization's time zone) of the entity's time, e.g. 2026-01-01")
        String dateFrom,
        @Schema(description = "Last day, included") String dateTo,
        @Size(max = 10) List<@Valid Aggregation> aggregations,
        @Size(max = 5) List<@Valid Sort> sort,
        @Schema(description = "At most this many rows (a preview shows at most 1000)") Integer limit) {

    public ReportDefinition {
        columns = columns == null ? List.of() : List.copyOf(columns);
        filters = filters == null ? List.of() : List.copyOf(filters);
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        aggregations = aggregations == null ? List.of() : List.copyOf(aggregations);
        sort = sort == null ? List.of() : List.copyOf(sort);
    }

    /** One condition on a column: {@code value} for one operand, {@code values} for {@code in}. */
    @Schema(name = "ReportFilter")
    public record Filter(
            @NotBlank String field,
            @Schema(description = "eq, ne, gt, gte, lt, lte, in, contains, is_null, not_null") @NotBlank String op,
            @Size(max = 500) String value,
            @Size(max = 200) List<@Size(max = 500) String> values) {
    }

    /** count (of rows, or of a column's values), sum, avg, min or max of a column. */
    @Schema(name = "ReportAggregation")
    public record Aggregation(
            @Schema(allowableValues = {"count", "sum", "avg", "min", "max"}) @NotBlank String function,
            @Schema(description = "The column; none for count of rows") String field) {
    }

    @Schema(name = "ReportSort")
    public record Sort(
            @Schema(description = "A column of the answer (a column, a group, period or an aggregation's name)")
            @NotBlank String field,
            @Schema(allowableValues = {"asc", "desc"}) String direction) {
    }

    public ReportDefinition withRange(String from, String to) {
        return new ReportDefinition(entity, columns, filters, groupBy, dateBucket, from, to, aggregations, sort, limit);
    }

    public ReportDefinition withLimit(Integer newLimit) {
        return new ReportDefinition(entity, columns, filters, groupBy, dateBucket, dateFrom, dateTo, aggregations,
                sort, newLimit);
    }

    public ReportDefinition withFilters(List<Filter> more) {
        List<Filter> all = new java.util.ArrayList<>(filters);
        all.addAll(more);
        return new ReportDefinition(entity, columns, all, groupBy, dateBucket, dateFrom, dateTo, aggregations, sort,
                limit);
    }
}
