package com.educonsult.crm.messaging.outbox;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outbox's sending job, run once across servers (db-scheduler): every poll interval, every organization with
 * due deliveries, for at most the run budget (the next run goes on where it stopped). The job itself only decides
 * who is due: the batches, claims and pacing are {@link OutboxSender}'s, so a campaign costs no scheduler row per
 * message.
 */
@Configuration(proxyBeanMethods = false)
class OutboxJobs {

    @Bean
    RecurringTask<Void> messageDeliveries(OutboxSender sender, MessagingProperties properties) {
        return Tasks.recurring("message-deliveries", Schedules.fixedDelay(properties.pollInterval()))
                .execute((instance, context) -> sender.sendDue());
    }
}
