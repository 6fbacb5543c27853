package com.educonsult.crm.analytics.facts;

import static com.educonsult.crm.jooq.Tables.ANALYTICS_FOLD_MARKS;

import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.TenantDirectory;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every write appends its net change to the facts; this job, once across servers, folds the days each organization's
 * new rows touched into one row per group, so a read sums a few rows per group however busy the day was.
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsFactFolding {

    @Bean
    RecurringTask<Void> analyticsFactFoldingTask(FactFolder folder,
            @Value("${crm.analytics.fold-interval:PT1M}") Duration interval) {
        return Tasks.recurring("analytics-fact-folding", Schedules.fixedDelay(interval))
                .execute((instance, context) -> folder.foldAll());
    }

    @org.springframework.stereotype.Service
    static class FactFolder {

        private final DSLContext db;
        private final Tenancy tenancy;
        private final TenantDirectory organizations;

        FactFolder(DSLContext db, Tenancy tenancy, TenantDirectory organizations) {
            this.db = db;
            this.tenancy = tenancy;
            this.organizations = organizations;
        }

        void foldAll() {
            organizations.organizationIds().forEach(this::fold);
        }

        /** Folds one organization's facts appended since the last fold, in one transaction. */
        void fold(UUID organizationId) {
            tenancy.runAs(organizationId, () -> {
                Long mark = db.select(ANALYTICS_FOLD_MARKS.FOLDED_SEQ).from(ANALYTICS_FOLD_MARKS)
                        .where(ANALYTICS_FOLD_MARKS.ORGANIZATION_ID.eq(organizationId)).fetchOne(0, Long.class);
                long after = mark == null ? 0 : mark;
                long folded = db.fetchValue("select fold_analytics_facts(?, ?)", organizationId, after)
                        instanceof Number n ? n.longValue() : after;
                if (folded != after) {
                    db.insertInto(ANALYTICS_FOLD_MARKS)
                            .set(ANALYTICS_FOLD_MARKS.ORGANIZATION_ID, organizationId)
                            .set(ANALYTICS_FOLD_MARKS.FOLDED_SEQ, folded)
                            .onConflict(ANALYTICS_FOLD_MARKS.ORGANIZATION_ID).doUpdate()
                            .set(ANALYTICS_FOLD_MARKS.FOLDED_SEQ, folded).execute();
                }
            });
        }
    }
}
