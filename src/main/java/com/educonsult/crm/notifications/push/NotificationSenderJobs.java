package com.educonsult.crm.notifications.push;

import com.educonsult.crm.notifications.NotificationProperties;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Sends the due pushes and emails every few seconds, once across servers, organization by organization. */
@Configuration(proxyBeanMethods = false)
class NotificationSenderJobs {

    static final int ORGANIZATIONS_PER_RUN = 200;
    private static final Logger log = LoggerFactory.getLogger(NotificationSenderJobs.class);

    @Bean
    RecurringTask<Void> notificationDeliveries(NotificationSender sender, NotificationProperties properties) {
        return Tasks.recurring("notification-deliveries", Schedules.fixedDelay(properties.pollInterval()))
                .execute((instance, context) -> sendDue(sender));
    }

    static int sendDue(NotificationSender sender) {
        int attempted = 0;
        for (UUID organizationId : sender.dueOrganizations(ORGANIZATIONS_PER_RUN)) {
            try {
                attempted += sender.sendDue(organizationId);
            } catch (RuntimeException e) {
                log.warn("Sending the notifications of organization {} failed", organizationId, e);
            }
        }
        return attempted;
    }
}
