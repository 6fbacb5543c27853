package com.educonsult.crm.analytics.overview;

import static com.educonsult.crm.jooq.Tables.ANALYTICS_FACTS;
import static com.educonsult.crm.jooq.Tables.LEAD_RESPONSES;

import com.educonsult.crm.analytics.Overview;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The conditions of an overview filter on the facts and on the speed-to-lead rows. */
final class FilterConditions {

    private FilterConditions() {
    }

    /** On facts about leads (their branch, assignee, source, platform and status now). */
    static FactRows onLeadFacts(Overview.Filter filter) {
        return rows(ANALYTICS_FACTS.BRANCH_ID, filter.branchId()).and(rows(ANALYTICS_FACTS.OWNER_ID, filter.userId()))
                .and(rows(ANALYTICS_FACTS.SOURCE, filter.source()))
                .and(rows(ANALYTICS_FACTS.PLATFORM, filter.platform()))
                .and(rows(ANALYTICS_FACTS.STATUS_ID, filter.statusId()));
    }

    /** On facts of work done: only who did it narrows them. */
    static FactRows onWorkFacts(Overview.Filter filter) {
        return rows(ANALYTICS_FACTS.USER_ID, filter.userId());
    }

    /** On the speed-to-lead rows (the lead's branch, assignee, source and platform now). */
    static Condition onResponses(Overview.Filter filter) {
        return DSL.and(eq(LEAD_RESPONSES.BRANCH_ID, filter.branchId()), eq(LEAD_RESPONSES.OWNER_ID, filter.userId()),
                eq(LEAD_RESPONSES.SOURCE, filter.source()), eq(LEAD_RESPONSES.PLATFORM, filter.platform()));
    }

    private static <T> FactRows rows(Field<T> column, T value) {
        return value == null ? FactRows.ALL : FactRows.of(column.eq(value), column);
    }

    private static <T> Condition eq(Field<T> field, T value) {
        return value == null ? DSL.noCondition() : field.eq(value);
    }
}
