package com.educonsult.crm.reports;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The jobs of reports, in db-scheduler (so they survive a restart and run once across nodes): one execution per
 * export job (instance id the run's id, data its organization), the poll for due schedules, and the purge of
 * expired report files.
 */
@Configuration(proxyBeanMethods = false)
class ReportJobs {

    static final String EXPORT_TASK = "report-export";
    static final int SCHEDULES_PER_POLL = 100;

    @Bean
    OneTimeTask<String> reportExportTask(ReportRunner runner) {
        return Tasks.oneTime(EXPORT_TASK, String.class).execute((instance, context) ->
                runner.runJob(UUID.fromString(instance.getData()), UUID.fromString(instance.getId())));
    }

    @Bean
    RecurringTask<Void> reportSchedulesTask(ObjectProvider<ReportSchedules> schedules, ReportProperties properties) {
        // looked up when it runs: the schedules start export jobs through the scheduler this task belongs to
        return Tasks.recurring("report-schedules", Schedules.fixedDelay(properties.schedulePollInterval()))
                .execute((instance, context) -> schedules.getObject().runDue(SCHEDULES_PER_POLL));
    }

    @Bean
    RecurringTask<Void> reportFilePurgeTask(ReportFilePurge purge, ReportProperties properties, Clock clock) {
        return Tasks.recurring("report-file-purge", Schedules.fixedDelay(properties.filePurgeInterval()))
                .execute((instance, context) -> purge.purgeExpired(clock.instant()));
    }
}
