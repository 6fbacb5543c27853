package com.educonsult.crm.analytics.facts;

import static com.educonsult.crm.jooq.Tables.ANALYTICS_FACTS;

import com.educonsult.crm.analytics.AnalyticsRange;
import com.educonsult.crm.identity.WorkScope;
import com.educonsult.crm.leads.LeadVisibility;
import com.educonsult.crm.platform.security.CurrentUser;
import org.jooq.Condition;
import org.springframework.stereotype.Service;

/**
 * Which analytics facts a user may see, and of which days: lead figures within the lead list's scope (the lead's
 * branch and assignee now), work figures within the work scope (who did it). See migration V41 and decision 0005.
 */
@Service
public class FactScope {

    private final WorkScope work;

    FactScope(WorkScope work) {
        this.work = work;
    }

    /** The facts of one metric the user sees, on the days of the range. */
    public Condition of(CurrentUser user, FactMetric metric, AnalyticsRange range) {
        return of(user, metric).and(ANALYTICS_FACTS.DAY.between(range.from(), range.to()));
    }

    /** The facts of one metric the user sees, on any day. */
    public Condition of(CurrentUser user, FactMetric metric) {
        Condition scope = metric.aboutLeads()
                ? LeadVisibility.of(user, ANALYTICS_FACTS.ORGANIZATION_ID, ANALYTICS_FACTS.BRANCH_ID,
                        ANALYTICS_FACTS.OWNER_ID)
                : work.doneBy(user, ANALYTICS_FACTS.ORGANIZATION_ID, ANALYTICS_FACTS.USER_ID);
        return scope.and(ANALYTICS_FACTS.METRIC.eq(metric.code()));
    }
}
