package com.educonsult.crm.notifications;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The purge of old read notifications, every {@code crm.notifications.purge-interval}, once across servers. */
@Configuration(proxyBeanMethods = false)
class NotificationPurgeJob {

    @Bean
    RecurringTask<Void> notificationPurgeTask(NotificationPurge purge, NotificationProperties properties, Clock clock) {
        return Tasks.recurring("notification-purge", Schedules.fixedDelay(properties.purgeInterval()))
                .execute((instance, context) -> purge.purgeRead(clock.instant()));
    }
}
