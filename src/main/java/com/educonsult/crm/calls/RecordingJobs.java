package com.educonsult.crm.calls;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The recordings' scheduled housekeeping (once across nodes, by db-scheduler): expired recordings are deleted
 * daily; uploads never confirmed are failed hourly, so that their announced size stops counting against the
 * quota soon after the timeout.
 */
@Configuration(proxyBeanMethods = false)
class RecordingJobs {

    private final RecordingCleanup cleanup;
    private final Clock clock;

    RecordingJobs(RecordingCleanup cleanup, Clock clock) {
        this.cleanup = cleanup;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> callRecordingExpiry() {
        return Tasks.recurring("call-recording-expiry", Schedules.cron("0 30 3 * * *", ZoneOffset.UTC))
                .execute((instance, context) -> cleanup.deleteExpired(clock.instant()));
    }

    @Bean
    RecurringTask<Void> callRecordingStaleUploads() {
        return Tasks.recurring("call-recording-stale-uploads", Schedules.cron("0 40 * * * *", ZoneOffset.UTC))
                .execute((instance, context) -> cleanup.failStalePending(clock.instant()));
    }
}
