package com.educonsult.crm.platform.db;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertOnDuplicateStep;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Many rows in one statement with one bound array per column:
 * {@code insert into t (a, b) select * from unnest(?, ?) as v(a, b)}. Unlike a multi-row VALUES list, the
 * statement's text and its number of parameters do not grow with the rows, so neither jOOQ nor PostgreSQL spends
 * time on building and parsing it. A column with the same value in every row (the organization, the user, a fixed
 * type) is bound once as a plain parameter. Conflict handling and RETURNING chain on as on any insert.
 */
public final class BulkInsert {

    private BulkInsert() {
    }

    public static <R extends Record> InsertOnDuplicateStep<R> rows(DSLContext db, Table<R> table,
            List<TableField<R, ?>> columns, List<Object[]> rows) {
        List<Field<?>> arrays = new ArrayList<>();
        List<org.jooq.Name> unnestedNames = new ArrayList<>();
        List<Field<?>> selected = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            TableField<R, ?> column = columns.get(c);
            boolean json = column.getType() == JSONB.class;
            // a value shared by every row (the organization, the user, a fixed type) is bound once, not per row
            if (sameInEveryRow(rows, c)) {
                Object value = plain(rows.getFirst()[c]);
                selected.add(json ? DSL.field("{0}::jsonb", column.getDataType(), DSL.val(value, String.class))
                        : DSL.val(value, column.getDataType()));
                continue;
            }
            Field<Object> unnested = DSL.field(DSL.name("v", column.getName()));
            unnestedNames.add(DSL.name(column.getName()));
            if (json) {
                arrays.add(DSL.val(columnValues(rows, c, String.class), SQLDataType.VARCHAR.array()));
                selected.add(DSL.field("{0}::jsonb", column.getDataType(), unnested));
            } else {
                arrays.add(arrayOf(column, columnValues(rows, c, column.getType())));
                selected.add(DSL.field("{0}", column.getDataType(), unnested));
            }
        }
        if (arrays.isEmpty()) { // one row, or rows all alike: unnest still gives the number of rows
            arrays.add(DSL.val(new Integer[rows.size()], SQLDataType.INTEGER.array()));
            unnestedNames.add(DSL.name("row_count"));
        }
        Table<?> values = DSL.table("unnest({0}) as v({1})", DSL.list(arrays.toArray(Field[]::new)),
                DSL.list(unnestedNames.toArray(org.jooq.Name[]::new)));
        return db.insertInto(table, columns).select(DSL.select(selected).from(values));
    }

    private static boolean sameInEveryRow(List<Object[]> rows, int column) {
        if (rows.isEmpty()) {
            return false;
        }
        Object first = plain(rows.getFirst()[column]);
        for (Object[] row : rows) {
            if (!java.util.Objects.equals(first, plain(row[column]))) {
                return false;
            }
        }
        return true;
    }

    private static Object plain(Object value) {
        return value instanceof JSONB json ? json.data() : value;
    }

    @SuppressWarnings("unchecked")
    private static <T> Field<T[]> arrayOf(TableField<?, T> column, Object values) {
        return DSL.val((T[]) values, column.getDataType().getArrayDataType());
    }

    private static Object columnValues(List<Object[]> rows, int column, Class<?> type) {
        Object values = Array.newInstance(type, rows.size());
        for (int r = 0; r < rows.size(); r++) {
            Array.set(values, r, plain(rows.get(r)[column]));
        }
        return values;
    }
}
