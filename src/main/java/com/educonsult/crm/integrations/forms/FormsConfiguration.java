package com.educonsult.crm.integrations.forms;

import static com.educonsult.crm.jooq.Tables.WEB_FORM_SUBMISSIONS;

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
import org.jooq.DSLContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The forms' settings, and the nightly purge of submission records older than their retention (once across nodes). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({FormsProperties.class, CaptchaProperties.class})
class FormsConfiguration {

    @Bean
    RecurringTask<Void> webFormSubmissionPurge(TenantDirectory organizations, Tenancy tenancy, DSLContext db,
            FormsProperties properties, Clock clock) {
        return Tasks.recurring("web-form-submission-purge", Schedules.cron("0 30 2 * * *", ZoneOffset.UTC))
                .execute((instance, context) -> {
                    OffsetDateTime before = OffsetDateTime.now(clock)
                            .minus(Duration.ofDays(properties.submissionRetentionDays()));
                    for (UUID organizationId : organizations.organizationIds()) {
                        tenancy.runAs(organizationId, () -> db.deleteFrom(WEB_FORM_SUBMISSIONS)
                                .where(WEB_FORM_SUBMISSIONS.ORGANIZATION_ID.eq(organizationId),
                                        WEB_FORM_SUBMISSIONS.RECEIVED_AT.lt(before))
                                .execute());
                    }
                });
    }
}
