package com.educonsult.crm.analytics.facts;

import static com.educonsult.crm.jooq.Tables.ANALYTICS_FACTS;

import com.educonsult.crm.analytics.AnalyticsRange;
import com.educonsult.crm.identity.WorkScope;
import com.educonsult.crm.leads.LeadVisibility;
import com.educonsult.crm.platform.security.CurrentUser;
import java.util.Collection;
import org.jooq.Condition;
import org.jooq.Field;
import org.springframework.stereotype.Service;

/**
 * Which analytics facts a user may see, and of which days: lead figures within the lead list's scope (the lead's
 * branch and assignee now), work figures within the work scope (who did it). See migration V41 and decision 0005.
 * A read names the columns it filters or groups by, and reads the narrowest grain that has them (V48).
 */
@Service
public class FactScope {

    private final WorkScope work;

    FactScope(WorkScope work) {
        this.work = work;
    }

    /** The facts of one metric the user sees, on the days of the range (null: every day), at the grain for the columns. */
    public Condition of(CurrentUser user, FactMetric metric, AnalyticsRange range,
            Collection<? extends Field<?>> columns) {
        Condition scope = metric.aboutLeads()
                ? LeadVisibility.of(user, ANALYTICS_FACTS.ORGANIZATION_ID, ANALYTICS_FACTS.BRANCH_ID,
                        ANALYTICS_FACTS.OWNER_ID)
                : work.doneBy(user, ANALYTICS_FACTS.ORGANIZATION_ID, ANALYTICS_FACTS.USER_ID);
        Condition rows = scope.and(ANALYTICS_FACTS.METRIC.eq(metric.code()))
                .and(ANALYTICS_FACTS.GRAIN.eq(FactGrain.covering(metric, columns).code()));
        return range == null ? rows : rows.and(ANALYTICS_FACTS.DAY.between(range.from(), range.to()));
    }
}
