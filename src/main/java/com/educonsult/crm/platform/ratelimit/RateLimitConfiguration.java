package com.educonsult.crm.platform.ratelimit;

import com.educonsult.crm.platform.TenantDirectory;
import com.educonsult.crm.platform.web.ErrorWriter;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rate limits run after authentication (the security filters run at order -100), so a request's user is
 * known, and before the idempotency keys, so a replayed answer counts too. Buckets that are full again are
 * deleted every ten minutes (once across nodes).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    static final int FILTER_ORDER = -90;

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimiter limiter, RateLimitProperties properties,
            TenantDirectory tenants, ErrorWriter errorWriter) {
        var registration = new FilterRegistrationBean<>(
                new RateLimitFilter(limiter, properties, tenants, errorWriter));
        registration.setOrder(FILTER_ORDER);
        return registration;
    }

    @Bean
    RecurringTask<Void> rateLimitBucketCleanup(RateLimiter limiter) {
        return Tasks.recurring("rate-limit-bucket-cleanup", Schedules.fixedDelay(Duration.ofMinutes(10)))
                .execute((instance, context) -> limiter.removeFullBuckets());
    }
}
