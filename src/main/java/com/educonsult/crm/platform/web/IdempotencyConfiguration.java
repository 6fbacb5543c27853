package com.educonsult.crm.platform.web;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Idempotency keys: the filter runs after authentication (the security filters run at order -100) and after the
 * rate limit, so a replayed answer still counts against the caller's limit; expired keys are deleted hourly
 * (once across nodes).
 */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    static final int FILTER_ORDER = -80;

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyKeys keys, ErrorWriter errorWriter,
            Clock clock) {
        var registration = new FilterRegistrationBean<>(new IdempotencyFilter(keys, errorWriter, clock));
        registration.setOrder(FILTER_ORDER);
        return registration;
    }

    @Bean
    RecurringTask<Void> idempotencyKeyExpiry(IdempotencyKeys keys, Clock clock) {
        return Tasks.recurring("idempotency-key-expiry", Schedules.fixedDelay(Duration.ofHours(1)))
                .execute((instance, context) -> keys.deleteExpired(clock.instant()));
    }
}
