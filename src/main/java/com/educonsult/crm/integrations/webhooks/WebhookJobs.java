package com.educonsult.crm.integrations.webhooks;

import static com.educonsult.crm.jooq.Tables.WEBHOOK_ENDPOINTS;

import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.TenantDirectory;
import com.educonsult.crm.platform.secrets.SecretBox;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import java.util.UUID;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outgoing webhooks' jobs, each run once across servers (db-scheduler): sending the due deliveries every few
 * seconds, organization by organization (an organization failing is logged and the others still sent), and
 * sealing again with the current key the secrets sealed before a key rotation.
 */
@Configuration(proxyBeanMethods = false)
class WebhookJobs {

    static final int ORGANIZATIONS_PER_RUN = 200;
    private static final Logger log = LoggerFactory.getLogger(WebhookJobs.class);

    @Bean
    RecurringTask<Void> webhookDeliveries(DeliverySender sender, WebhookProperties properties) {
        return Tasks.recurring("webhook-deliveries", Schedules.fixedDelay(properties.pollInterval()))
                .execute((instance, context) -> sendDue(sender));
    }

    @Bean
    RecurringTask<Void> webhookSecretsReseal(TenantDirectory organizations, Tenancy tenancy, DSLContext db,
            SecretBox secrets) {
        return Tasks.recurring("webhook-secrets-reseal", Schedules.fixedDelay(Duration.ofHours(6)))
                .execute((instance, context) -> {
                    for (UUID organizationId : organizations.organizationIds()) {
                        tenancy.runAs(organizationId, () -> {
                            var e = WEBHOOK_ENDPOINTS;
                            for (var row : db.selectFrom(e).where(e.ORGANIZATION_ID.eq(organizationId)).forUpdate()
                                    .fetch()) {
                                if (secrets.sealedWithOlderKey(row.getSecret())) {
                                    row.setSecret(secrets.reseal(row.getSecret()));
                                    row.update();
                                }
                            }
                        });
                    }
                });
    }

    /** One run: every organization with deliveries due; answers how many were attempted. */
    static int sendDue(DeliverySender sender) {
        int attempted = 0;
        for (UUID organizationId : sender.dueOrganizations(ORGANIZATIONS_PER_RUN)) {
            try {
                attempted += sender.sendDue(organizationId);
            } catch (RuntimeException e) {
                log.warn("Sending the webhook deliveries of organization {} failed", organizationId, e);
            }
        }
        return attempted;
    }
}
