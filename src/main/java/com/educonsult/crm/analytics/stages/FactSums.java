package com.educonsult.crm.analytics.stages;

import static com.educonsult.crm.jooq.Tables.ANALYTICS_FACTS;

import com.educonsult.crm.analytics.facts.FactMetric;
import com.educonsult.crm.analytics.facts.FactScope;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.platform.ReadReplica;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;

/**
 * Sums of analytics facts (n, total, met) over the days of a request's range, within the caller's scope and the
 * request's filters, grouped by the fact columns asked for: a read of the few rows per group and day the facts keep.
 */
@Service("stageFactSums")
class FactSums {

    /** The sums of one group; {@link #key} reads a grouping column. */
    record Sum(Record keys, long n, long total, long met) {

        <T> T key(Field<T> field) {
            return keys.get(field);
        }
    }

    private static final Field<Long> N = DSL.sum(ANALYTICS_FACTS.N).cast(Long.class).as("n_sum");
    private static final Field<Long> TOTAL = DSL.sum(ANALYTICS_FACTS.TOTAL).cast(Long.class).as("total_sum");
    private static final Field<Long> MET = DSL.sum(ANALYTICS_FACTS.MET).cast(Long.class).as("met_sum");

    private final ReadReplica reads;
    private final FactScope scope;
    private final UserDirectory users;

    FactSums(ReadReplica reads, FactScope scope, UserDirectory users) {
        this.reads = reads;
        this.scope = scope;
        this.users = users;
    }

    /** The groups of a metric over the query's range; groups whose sums are all zero are left out. */
    List<Sum> of(AnalyticsQuery query, FactMetric metric, Field<?>... groupBy) {
        List<SelectField<?>> select = new ArrayList<>(List.of(groupBy));
        select.addAll(List.of(N, TOTAL, MET));
        List<Sum> sums = new ArrayList<>();
        Condition where = scope.of(query.user(), metric, query.range(), columns(query, groupBy))
                .and(filters(query, metric));
        List<? extends Record> fetched = reads.read(db -> {
            var rows = db.select(select).from(ANALYTICS_FACTS).where(where);
            return groupBy.length == 0 ? rows.fetch() : rows.groupBy(groupBy).fetch();
        });
        fetched.forEach(r -> {
            long n = value(r.get(N));
            long total = value(r.get(TOTAL));
            long met = value(r.get(MET));
            if (n != 0 || total != 0 || met != 0) {
                sums.add(new Sum(r.into(groupBy), n, total, met));
            }
        });
        return sums;
    }

    /** The one sum of a metric over the range (zeros when there are none). */
    Sum total(AnalyticsQuery query, FactMetric metric) {
        List<Sum> sums = of(query, metric);
        return sums.isEmpty() ? new Sum(null, 0, 0, 0) : sums.getFirst();
    }

    /** The columns a read of lead facts groups by or filters on, which its grain must have. */
    private static List<Field<?>> columns(AnalyticsQuery query, Field<?>... groupBy) {
        AnalyticsQuery.Filters f = query.filters();
        List<Field<?>> columns = new ArrayList<>(List.of(groupBy));
        if (f.platform() != null) {
            columns.add(ANALYTICS_FACTS.PLATFORM);
        }
        if (f.statusId() != null) {
            columns.add(ANALYTICS_FACTS.STATUS_ID);
        }
        return columns;
    }

    /**
     * The request's filters as they apply to a metric: lead figures by the lead's platform, branch, assignee and
     * status; work figures by who did the work (a branch: its users) and, for stages, by status.
     */
    private Condition filters(AnalyticsQuery query, FactMetric metric) {
        AnalyticsQuery.Filters f = query.filters();
        Condition condition = DSL.noCondition();
        if (metric.aboutLeads()) {
            condition = condition.and(f.platform() == null ? DSL.noCondition() : ANALYTICS_FACTS.PLATFORM.eq(f.platform()))
                    .and(f.branchId() == null ? DSL.noCondition() : ANALYTICS_FACTS.BRANCH_ID.eq(f.branchId()))
                    .and(f.userId() == null ? DSL.noCondition() : ANALYTICS_FACTS.OWNER_ID.eq(f.userId()));
        } else {
            condition = condition.and(f.userId() == null ? DSL.noCondition() : ANALYTICS_FACTS.USER_ID.eq(f.userId()))
                    .and(f.branchId() == null ? DSL.noCondition() : ANALYTICS_FACTS.USER_ID.in(
                            users.usersOfBranch(query.user().organizationId(), f.branchId())));
        }
        boolean hasStatus = metric.aboutLeads() || metric == FactMetric.STAGE_ENTERED
                || metric == FactMetric.STAGE_EXITED || metric == FactMetric.STAGE_DURATION;
        if (hasStatus && f.statusId() != null) {
            condition = condition.and(ANALYTICS_FACTS.STATUS_ID.eq(f.statusId()));
        }
        return condition;
    }

    private static long value(Long sum) {
        return sum == null ? 0 : sum;
    }
}
