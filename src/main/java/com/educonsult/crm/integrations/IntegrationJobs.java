package com.educonsult.crm.integrations;

import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.TenantDirectory;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The integrations' housekeeping, once across nodes: the log's old entries are purged nightly, and credentials
 * sealed with a key used before a rotation are sealed again with the current one.
 */
@Configuration(proxyBeanMethods = false)
class IntegrationJobs {

    private final TenantDirectory organizations;
    private final Tenancy tenancy;
    private final Clock clock;

    IntegrationJobs(TenantDirectory organizations, Tenancy tenancy, Clock clock) {
        this.organizations = organizations;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> integrationLogPurge(IntegrationLog log,
            @Value("${crm.integrations.log-retention-days:30}") int retentionDays) {
        return Tasks.recurring("integration-log-purge", Schedules.cron("0 15 2 * * *", ZoneOffset.UTC))
                .execute((instance, context) -> purge(log, Duration.ofDays(retentionDays)));
    }

    @Bean
    RecurringTask<Void> integrationCredentialsReseal(IntegrationRegistry registry) {
        return Tasks.recurring("integration-credentials-reseal", Schedules.fixedDelay(Duration.ofHours(6)))
                .execute((instance, context) -> {
                    for (UUID organizationId : organizations.organizationIds()) {
                        tenancy.runAs(organizationId, registry::resealWithCurrentKey);
                    }
                });
    }

    /** Deletes, organization by organization, the entries older than the retention; answers how many. */
    int purge(IntegrationLog log, Duration retention) {
        OffsetDateTime before = OffsetDateTime.now(clock).minus(retention);
        int purged = 0;
        for (UUID organizationId : organizations.organizationIds()) {
            purged += tenancy.callAs(organizationId, () -> log.purgeBefore(before));
        }
        return purged;
    }
}
