package com.educonsult.crm.messaging.campaigns;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The campaigns' job, run once across servers (db-scheduler): every poll interval it launches the scheduled
 * campaigns whose time came and hands the running ones' next batches over to the outbox. Its state is in the
 * database (campaign statuses, recipients' statuses), so a restart goes on where it stopped.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CampaignProperties.class)
class CampaignJobs {

    @Bean
    RecurringTask<Void> campaignSending(CampaignSender sender, CampaignProperties properties) {
        return Tasks.recurring("campaign-sending", Schedules.fixedDelay(properties.pollInterval()))
                .execute((instance, context) -> sender.runDue());
    }
}
