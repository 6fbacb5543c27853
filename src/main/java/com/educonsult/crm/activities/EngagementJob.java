package com.educonsult.crm.activities;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.platform.Tenancy;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Recomputes engagement nightly: runs every hour (once across nodes, by db-scheduler) and handles the
 * organizations whose local time is in the 02:00 hour, one by one in their own transaction; a failing
 * organization is logged and reported without stopping the others.
 */
@Configuration(proxyBeanMethods = false)
class EngagementJob {

    static final int LOCAL_HOUR = 2;

    private static final Logger log = LoggerFactory.getLogger(EngagementJob.class);

    /** What one run did: leads looked at per organization, and the organizations that failed with why. */
    record Run(Map<UUID, Integer> leadsByOrganization, Map<UUID, String> failures) {
    }

    private static final int CHUNK = 500;

    private final UserDirectory users;
    private final Tenancy tenancy;
    private final Engagement engagement;
    private final Clock clock;

    EngagementJob(UserDirectory users, Tenancy tenancy, Engagement engagement, Clock clock) {
        this.users = users;
        this.tenancy = tenancy;
        this.engagement = engagement;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> engagementRecomputation() {
        return com.github.kagkarlsson.scheduler.task.helper.Tasks.recurring("engagement-recomputation", Schedules.cron("0 5 * * * *", ZoneOffset.UTC))
                .execute((instance, context) -> runDue(clock.instant()));
    }

    /** Handles every active organization for which it is now the nightly hour. */
    Run runDue(Instant now) {
        Map<UUID, Integer> done = new LinkedHashMap<>();
        Map<UUID, String> failures = new LinkedHashMap<>();
        for (UUID organizationId : users.activeOrganizations()) {
            try {
                ZoneId zone = tenancy.callAs(organizationId, () -> users.timeZone(organizationId));
                if (isNightlyHour(zone, now)) {
                    done.put(organizationId, recompute(organizationId));
                }
            } catch (RuntimeException e) {
                log.warn("Engagement recomputation failed for organization {}", organizationId, e);
                failures.put(organizationId, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        if (!done.isEmpty() || !failures.isEmpty()) {
            log.info("Engagement recomputed for {} organization(s), {} failed", done.size(), failures.size());
        }
        return new Run(done, failures);
    }

    /**
     * Recomputes one organization a chunk of leads at a time, each chunk in its own transaction, so that a lead's
     * row is locked only while its chunk is written (in id order, as call sync locks them); returns how many leads
     * were looked at.
     */
    int recompute(UUID organizationId) {
        java.util.List<UUID> leadIds = tenancy.callAs(organizationId,
                () -> engagement.leadsToRecompute(organizationId));
        for (int from = 0; from < leadIds.size(); from += CHUNK) {
            java.util.List<UUID> chunk = leadIds.subList(from, Math.min(leadIds.size(), from + CHUNK));
            tenancy.runAs(organizationId, () -> engagement.recompute(organizationId, chunk));
        }
        return leadIds.size();
    }

    static boolean isNightlyHour(ZoneId zone, Instant now) {
        return now.atZone(zone).getHour() == LOCAL_HOUR;
    }
}
