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
 * time on building and parsing it. Conflict handling and RETURNING chain on as on any insert.
 */
public final class BulkInsert {

    private BulkInsert() {
    }

    public static <R extends Record> InsertOnDuplicateStep<R> rows(DSLContext db, Table<R> table,
            List<TableField<R, ?>> columns, List<Object[]> rows) {
        List<Field<?>> arrays = new ArrayList<>();
        List<Field<?>> selected = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            TableField<R, ?> column = columns.get(c);
            Field<Object> unnested = DSL.field(DSL.name("v", column.getName()));
            if (column.getType() == JSONB.class) {
                arrays.add(DSL.val(columnValues(rows, c, String.class), SQLDataType.VARCHAR.array()));
                selected.add(DSL.field("{0}::jsonb", column.getDataType(), unnested));
            } else {
                arrays.add(arrayOf(column, columnValues(rows, c, column.getType())));
                selected.add(DSL.field("{0}", column.getDataType(), unnested));
            }
        }
        Table<?> values = DSL.table("unnest({0}) as v({1})", DSL.list(arrays.toArray(Field[]::new)),
                DSL.list(columns.stream().map(column -> DSL.name(column.getName())).toArray(org.jooq.Name[]::new)));
        return db.insertInto(table, columns).select(DSL.select(selected).from(values));
    }

    @SuppressWarnings("unchecked")
    private static <T> Field<T[]> arrayOf(TableField<?, T> column, Object values) {
        return DSL.val((T[]) values, column.getDataType().getArrayDataType());
    }

    private static Object columnValues(List<Object[]> rows, int column, Class<?> type) {
        Object values = Array.newInstance(type, rows.size());
        for (int r = 0; r < rows.size(); r++) {
            Object value = rows.get(r)[column];
            Array.set(values, r, value instanceof JSONB json ? json.data() : value);
        }
        return values;
    }
}
