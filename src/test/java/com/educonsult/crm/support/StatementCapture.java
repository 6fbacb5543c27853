package com.educonsult.crm.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Predicate;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.ExecuteType;
import org.jooq.conf.ParamType;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * The selects the server runs through jOOQ while some work goes on, with their values inlined, in order and without
 * repeats. The listener is added to the shared configuration for the duration of the work only.
 */
public final class StatementCapture {

    private StatementCapture() {
    }

    public static List<String> selects(DSLContext db, Predicate<String> wanted, Runnable work) {
        List<String> statements = Collections.synchronizedList(new ArrayList<>());
        ExecuteListener listener = new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                if (ctx.query() == null || ctx.type() != ExecuteType.READ) {
                    return;
                }
                String sql = ctx.query().getSQL(ParamType.INLINED);
                if (sql.startsWith("select") && !sql.contains(" for update") && !sql.contains(" for no key update")
                        && !sql.contains(" for share") && wanted.test(sql)) {
                    statements.add(sql);
                }
            }
        };
        ExecuteListenerProvider[] before = db.configuration().executeListenerProviders();
        ExecuteListenerProvider[] with = Arrays.copyOf(before, before.length + 1);
        with[before.length] = new DefaultExecuteListenerProvider(listener);
        db.configuration().set(with);
        try {
            work.run();
        } finally {
            db.configuration().set(before);
        }
        return new ArrayList<>(new LinkedHashSet<>(statements));
    }
}
