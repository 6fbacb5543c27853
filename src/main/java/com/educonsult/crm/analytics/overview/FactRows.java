package com.educonsult.crm.analytics.overview;

import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** A narrowing of fact rows: its condition and the fact columns it reads, which the grain read must have. */
record FactRows(Condition where, List<Field<?>> columns) {

    static final FactRows ALL = new FactRows(DSL.noCondition(), List.of());

    static FactRows of(Condition where, Field<?>... columns) {
        return new FactRows(where, List.of(columns));
    }

    /** These rows and the other's. */
    FactRows and(FactRows other) {
        List<Field<?>> both = new ArrayList<>(columns);
        both.addAll(other.columns);
        return new FactRows(where.and(other.where), both);
    }

    /** The columns of this narrowing and of a grouping. */
    List<Field<?>> columnsWith(Field<?> key) {
        List<Field<?>> all = new ArrayList<>(columns);
        if (key != null) {
            all.add(key);
        }
        return all;
    }
}
