package com.educonsult.crm.reports;

import com.educonsult.crm.analytics.AnalyticsRange;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.reports.ReportEntities.Column;
import com.educonsult.crm.reports.ReportEntities.ColumnType;
import com.educonsult.crm.reports.ReportEntities.Entity;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.GroupField;
import org.jooq.OrderField;
import org.jooq.ResultQuery;
import org.jooq.SelectField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

/**
 * Turns a {@link ReportDefinition} into one SQL query over the entity's whitelist, with the caller's scope and the
 * organization of the caller always in its WHERE clause. Every name is checked; a bad one is a 422 naming the field.
 */
@Component
class ReportQueries {

    static final int MAX_PREVIEW_ROWS = 1_000;
    static final Set<String> BUCKETS = Set.of("day", "week", "month");
    static final Set<String> FUNCTIONS = Set.of("count", "sum", "avg", "min", "max");
    static final Set<String> OPERATORS = Set.of("eq", "ne", "gt", "gte", "lt", "lte", "in", "contains", "is_null",
            "not_null");

    /** One column of a report's answer. */
    record Output(String name, String label, ColumnType type) {
    }

    /** A checked report: the columns it answers and the query that answers them, with at most {@code limit} rows. */
    record Compiled(Entity entity, List<Output> outputs, List<SelectField<?>> select, Condition where,
            List<GroupField> groupBy, List<OrderField<?>> orderBy, Integer limit, boolean grouped,
            LocalDate dateFrom, LocalDate dateTo) {

        ResultQuery<?> query(DSLContext db, Integer maxRows) {
            Integer rows = limit == null ? maxRows : maxRows == null ? limit : Integer.valueOf(Math.min(limit, maxRows));
            var filtered = db.select(select).from(entity.from()).where(where);
            var query = groupBy.isEmpty() ? filtered.orderBy(orderBy) : filtered.groupBy(groupBy).orderBy(orderBy);
            return rows == null ? query : query.limit(rows);
        }
    }

    private final ReportEntities entities;
    private final Clock clock;

    ReportQueries(ReportEntities entities, Clock clock) {
        this.entities = entities;
        this.clock = clock;
    }

    Compiled compile(CurrentUser user, ReportDefinition definition, ZoneId zone) {
        Entity entity = entityOf(user, definition.entity());
        LocalDate from = day("date_from", definition.dateFrom(), zone);
        LocalDate to = day("date_to", definition.dateTo(), zone);
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiException.invalid("date_to", "must be on or after date_from");
        }
        Condition where = entity.scope().apply(user);
        // a range on the entity's time, which has an (organization_id, time) index
        if (from != null) {
            where = where.and(entity.time().ge(from.atStartOfDay(zone).toOffsetDateTime()));
        }
        if (to != null) {
            where = where.and(entity.time().lt(to.plusDays(1).atStartOfDay(zone).toOffsetDateTime()));
        }
        for (int i = 0; i < definition.filters().size(); i++) {
            where = where.and(condition(entity, definition.filters().get(i), "filters[" + i + "]", zone));
        }
        String bucket = bucketOf(definition.dateBucket());
        boolean grouped = bucket != null || !definition.groupBy().isEmpty() || !definition.aggregations().isEmpty();
        List<Output> outputs = new ArrayList<>();
        List<SelectField<?>> select = new ArrayList<>();
        List<GroupField> groupBy = new ArrayList<>();
        if (grouped) {
            if (bucket != null) {
                Field<LocalDate> period = DSL.field("date_trunc({0}, {1} at time zone {2})::date", SQLDataType.LOCALDATE,
                        DSL.inline(bucket), entity.time(), DSL.inline(zone.getId()));
                outputs.add(new Output("period", capitalized(bucket), ColumnType.DATE));
                select.add(period.as("period"));
                groupBy.add(period);
            }
            Set<String> groups = new LinkedHashSet<>();
            for (int i = 0; i < definition.groupBy().size(); i++) {
                Column column = column(entity, definition.groupBy().get(i), "group_by[" + i + "]");
                if (groups.add(column.name())) {
                    outputs.add(new Output(column.name(), column.label(), column.type()));
                    select.add(column.field().as(column.name()));
                    groupBy.add(column.field());
                }
            }
            for (int i = 0; i < definition.columns().size(); i++) {
                if (!groups.contains(definition.columns().get(i))) {
                    column(entity, definition.columns().get(i), "columns[" + i + "]");
                    throw ApiException.invalid("columns[" + i + "]", "must be one of the group_by columns in a "
                            + "grouped report");
                }
            }
            List<ReportDefinition.Aggregation> aggregations = definition.aggregations().isEmpty()
                    ? List.of(new ReportDefinition.Aggregation("count", null)) : definition.aggregations();
            Set<String> names = new LinkedHashSet<>();
            for (int i = 0; i < aggregations.size(); i++) {
                Output output = aggregation(entity, aggregations.get(i), "aggregations[" + i + "]", select);
                if (!names.add(output.name()) || groups.contains(output.name()) || output.name().equals("period")) {
                    throw ApiException.invalid("aggregations[" + i + "]", "is asked for twice");
                }
                outputs.add(output);
            }
        } else {
            List<String> names = definition.columns().isEmpty() ? entity.defaultColumns() : definition.columns();
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < names.size(); i++) {
                Column column = column(entity, names.get(i), "columns[" + i + "]");
                if (seen.add(column.name())) {
                    outputs.add(new Output(column.name(), column.label(), column.type()));
                    select.add(column.field().as(column.name()));
                }
            }
        }
        List<OrderField<?>> orderBy = orderOf(entity, definition, outputs, grouped, bucket != null);
        return new Compiled(entity, outputs, select, where, groupBy, orderBy, limitOf(definition.limit()), grouped,
                from, to);
    }

    private Entity entityOf(CurrentUser user, String name) {
        Entity entity = entities.find(name);
        if (entity == null) {
            throw ApiException.invalid("entity", "must be one of "
                    + String.join(", ", entities.all().stream().map(Entity::name).toList()));
        }
        if (!user.can(entity.permission())) {
            throw ApiException.forbidden("A report of " + name + " needs the permission " + entity.permission());
        }
        return entity;
    }

    private static String capitalized(String text) {
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    /**
     * One end of the date range, a day of the organization's time zone, checked as every analytics range is (a bad
     * date is a 400 naming the field); either end may be left out, and a report may cover any number of days.
     */
    private LocalDate day(String field, String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        AnalyticsRange range = field.equals("date_from") ? AnalyticsRange.of(value, null, 1, zone, clock)
                : AnalyticsRange.of(null, value, 1, zone, clock);
        return field.equals("date_from") ? range.from() : range.to();
    }

    private static String bucketOf(String bucket) {
        if (bucket == null || bucket.isBlank()) {
            return null;
        }
        if (!BUCKETS.contains(bucket)) {
            throw ApiException.invalid("date_bucket", "must be day, week or month");
        }
        return bucket;
    }

    private static Integer limitOf(Integer limit) {
        if (limit != null && (limit < 1 || limit > 1_000_000)) {
            throw ApiException.invalid("limit", "must be between 1 and 1000000");
        }
        return limit;
    }

    static Column column(Entity entity, String name, String field) {
        Column column = entity.column(name);
        if (column == null) {
            throw ApiException.invalid(field, "is not a column of " + entity.name() + " (one of "
                    + String.join(", ", entity.columns().keySet()) + ")");
        }
        return column;
    }

    private static Output aggregation(Entity entity, ReportDefinition.Aggregation aggregation, String field,
            List<SelectField<?>> select) {
        String function = aggregation.function();
        if (!FUNCTIONS.contains(function)) {
            throw ApiException.invalid(field + ".function", "must be count, sum, avg, min or max");
        }
        if (aggregation.field() == null || aggregation.field().isBlank()) {
            if (!function.equals("count")) {
                throw ApiException.invalid(field + ".field", "is required for " + function);
            }
            select.add(DSL.count().as("count"));
            return new Output("count", "Count", ColumnType.NUMBER);
        }
        Column column = column(entity, aggregation.field(), field + ".field");
        String name = function + "_" + column.name();
        String label = capitalized(function) + " of " + column.label().toLowerCase(Locale.ROOT);
        switch (function) {
            case "count" -> {
                select.add(DSL.count(column.field()).as(name));
                return new Output(name, label, ColumnType.NUMBER);
            }
            case "sum", "avg" -> {
                if (column.type() != ColumnType.NUMBER) {
                    throw ApiException.invalid(field + ".field", "must be a number column for " + function);
                }
                Field<BigDecimal> number = column.field().cast(SQLDataType.NUMERIC);
                Field<BigDecimal> value = function.equals("sum") ? DSL.coalesce(DSL.sum(number), BigDecimal.ZERO)
                        : DSL.round(DSL.avg(number), 2);
                select.add(value.as(name));
                return new Output(name, label, ColumnType.NUMBER);
            }
            default -> {
                if (column.type() == ColumnType.TEXT || column.type() == ColumnType.UUID) {
                    throw ApiException.invalid(field + ".field", "must be a number or time column for " + function);
                }
                select.add((function.equals("min") ? DSL.min(column.field()) : DSL.max(column.field())).as(name));
                return new Output(name, label, column.type());
            }
        }
    }

    private static List<OrderField<?>> orderOf(Entity entity, ReportDefinition definition, List<Output> outputs,
            boolean grouped, boolean bucketed) {
        List<OrderField<?>> order = new ArrayList<>();
        for (int i = 0; i < definition.sort().size(); i++) {
            ReportDefinition.Sort sort = definition.sort().get(i);
            String direction = sort.direction() == null ? "asc" : sort.direction();
            if (!direction.equals("asc") && !direction.equals("desc")) {
                throw ApiException.invalid("sort[" + i + "].direction", "must be asc or desc");
            }
            if (outputs.stream().noneMatch(o -> o.name().equals(sort.field()))) {
                throw ApiException.invalid("sort[" + i + "].field", "must be one of the report's columns");
            }
            Field<Object> field = DSL.field(DSL.name(sort.field()));
            order.add(direction.equals("asc") ? field.asc().nullsLast() : field.desc().nullsLast());
        }
        if (order.isEmpty()) {
            if (bucketed) {
                order.add(DSL.field(DSL.name("period")).asc());
            } else if (grouped) {
                order.add(DSL.field(DSL.name(outputs.get(outputs.size() - 1).name())).desc().nullsLast());
            } else {
                order.add(entity.time().desc().nullsLast());
            }
        }
        // a stable order whatever the data: every output column breaks ties
        for (Output output : outputs) {
            order.add(DSL.field(DSL.name(output.name())).asc().nullsLast());
        }
        return order;
    }

    private static Condition condition(Entity entity, ReportDefinition.Filter filter, String field, ZoneId zone) {
        Column column = column(entity, filter.field(), field + ".field");
        String op = filter.op();
        if (!OPERATORS.contains(op)) {
            throw ApiException.invalid(field + ".op", "must be one of " + String.join(", ", OPERATORS));
        }
        @SuppressWarnings("unchecked")
        Field<Object> target = (Field<Object>) column.field();
        switch (op) {
            case "is_null" -> {
                return target.isNull();
            }
            case "not_null" -> {
                return target.isNotNull();
            }
            case "in" -> {
                if (filter.values() == null || filter.values().isEmpty()) {
                    throw ApiException.invalid(field + ".values", "is required for in");
                }
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < filter.values().size(); i++) {
                    values.add(value(column, filter.values().get(i), field + ".values[" + i + "]", zone));
                }
                return target.in(values);
            }
            case "contains" -> {
                if (column.type() != ColumnType.TEXT) {
                    throw ApiException.invalid(field + ".op", "contains applies to text columns only");
                }
                return target.cast(SQLDataType.CLOB).containsIgnoreCase(required(filter, field));
            }
            default -> {
                Object value = value(column, required(filter, field), field + ".value", zone);
                return switch (op) {
                    case "eq" -> target.eq(value);
                    case "ne" -> target.ne(value).or(target.isNull());
                    case "gt" -> target.gt(value);
                    case "gte" -> target.ge(value);
                    case "lt" -> target.lt(value);
                    default -> target.le(value);
                };
            }
        }
    }

    private static String required(ReportDefinition.Filter filter, String field) {
        if (filter.value() == null) {
            throw ApiException.invalid(field + ".value", "is required for " + filter.op());
        }
        return filter.value();
    }

    private static Object value(Column column, String text, String field, ZoneId zone) {
        try {
            return switch (column.type()) {
                case NUMBER -> new BigDecimal(text.strip());
                case UUID -> UUID.fromString(text.strip());
                case TIME -> text.strip().length() == 10 ? LocalDate.parse(text.strip()).atStartOfDay(zone).toOffsetDateTime()
                        : OffsetDateTime.parse(text.strip());
                case DATE -> LocalDate.parse(text.strip());
                case BOOLEAN -> Boolean.parseBoolean(text.strip());
                case TEXT -> text;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw ApiException.invalid(field, "must be a " + column.type().name().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "must be a " + column.type().name().toLowerCase(Locale.ROOT));
        }
    }
}
