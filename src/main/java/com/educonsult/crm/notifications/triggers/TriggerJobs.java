package com.educonsult.crm.notifications.triggers;

import com.educonsult.crm.notifications.NotificationProperties;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The time-driven triggers, run every minute once across servers. */
@Configuration(proxyBeanMethods = false)
class TriggerJobs {

    @Bean
    RecurringTask<Void> notificationTriggers(TimeTriggers triggers, NotificationProperties properties, Clock clock) {
        return Tasks.recurring("notification-triggers", Schedules.fixedDelay(properties.triggerInterval()))
                .execute((instance, context) -> triggers.runAll(clock.instant()));
    }
}
