package com.educonsult.crm.analytics.overview;

import static com.educonsult.crm.jooq.Tables.ANALYTICS_FACTS;

import com.educonsult.crm.analytics.AnalyticsRange;
import com.educonsult.crm.analytics.facts.FactMetric;
import com.educonsult.crm.analytics.facts.FactScope;
import com.educonsult.crm.platform.ReadReplica;
import com.educonsult.crm.platform.security.CurrentUser;
import java.util.HashMap;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Sums of the analytics facts of one metric within the caller's scope: the rows of a range, grouped by a column. */
@Component("overviewFactSums")
class FactSums {

    /** The summed count, quantity and "made it" count of a group (see FactMetric for what each holds). */
    record Sum(long n, long total, long met) {
        static final Sum ZERO = new Sum(0, 0, 0);

        Sum plus(Sum other) {
            return new Sum(n + other.n, total + other.total, met + other.met);
        }
    }

    private final ReadReplica reads;
    private final FactScope scope;

    FactSums(ReadReplica reads, FactScope scope) {
        this.reads = reads;
        this.scope = scope;
    }

    /** The whole range (null: every day). */
    Sum total(CurrentUser user, FactMetric metric, AnalyticsRange range, FactRows narrower) {
        Condition rows = scope.of(user, metric, range, narrower.columns());
        return reads.read(db -> db.select(DSL.sum(ANALYTICS_FACTS.N), DSL.sum(ANALYTICS_FACTS.TOTAL),
                        DSL.sum(ANALYTICS_FACTS.MET))
                .from(ANALYTICS_FACTS).where(rows, narrower.where())
                .fetchSingle(r -> r.value1() == null ? Sum.ZERO
                        : new Sum(r.value1().longValue(), r.value2().longValue(), r.value3().longValue())));
    }

    /** Per value of a column (groups that sum to nothing are left out). */
    <K> Map<K, Sum> by(CurrentUser user, FactMetric metric, AnalyticsRange range, FactRows narrower, Field<K> key) {
        Field<Long> n = DSL.sum(ANALYTICS_FACTS.N).cast(Long.class);
        Field<Long> total = DSL.sum(ANALYTICS_FACTS.TOTAL).cast(Long.class);
        Field<Long> met = DSL.sum(ANALYTICS_FACTS.MET).cast(Long.class);
        Condition rows = scope.of(user, metric, range, narrower.columnsWith(key));
        Map<K, Sum> sums = new HashMap<>();
        reads.read(db -> db.select(key, n, total, met).from(ANALYTICS_FACTS)
                .where(rows, narrower.where())
                .groupBy(key)
                .fetch())
                .forEach(r -> {
                    if (r.value2() != 0 || r.value3() != 0 || r.value4() != 0) {
                        sums.put(r.value1(), new Sum(r.value2(), r.value3(), r.value4()));
                    }
                });
        return sums;
    }
}
