package com.educonsult.crm.integrations.webhooks;

import static com.educonsult.crm.jooq.Tables.WEBHOOK_DELIVERIES;
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
 * seconds, organization by organization (an organization failing is logged and the others still sent), sealing
 * again with the current key the secrets sealed before a key rotation, and deleting nightly the succeeded and dead
 * deliveries older than the retention (failed ones are still being retried).
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

    @Bean
    RecurringTask<Void> webhookDeliveryPurge(TenantDirectory organizations, Tenancy tenancy, DSLContext db,
            WebhookProperties properties, java.time.Clock clock) {
        return Tasks.recurring("webhook-delivery-purge", Schedules.cron("0 25 2 * * *", java.time.ZoneOffset.UTC))
                .execute((instance, context) -> purge(organizations.organizationIds(), tenancy, db,
                        java.time.OffsetDateTime.now(clock).minus(properties.deliveryRetention())));
    }

    /** Deletes the succeeded and dead deliveries made before the time, organization by organization. */
    static int purge(java.util.List<UUID> organizations, Tenancy tenancy, DSLContext db,
            java.time.OffsetDateTime before) {
        int purged = 0;
        for (UUID organizationId : organizations) {
            purged += tenancy.callAs(organizationId, () -> db.deleteFrom(WEBHOOK_DELIVERIES)
                    .where(WEBHOOK_DELIVERIES.ORGANIZATION_ID.eq(organizationId),
                            WEBHOOK_DELIVERIES.STATUS.in("succeeded", "dead"),
                            WEBHOOK_DELIVERIES.CREATED_AT.lt(before))
                    .execute());
        }
        return purged;
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
