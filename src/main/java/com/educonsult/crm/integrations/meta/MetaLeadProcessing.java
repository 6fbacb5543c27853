package com.educonsult.crm.integrations.meta;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Runs the processing of Meta deliveries: a db-scheduler job every few seconds (once across nodes at a time) and,
 * on this node, at once after a delivery was stored and when the server starts. A run routes the received
 * deliveries and processes every connected organization's due lead changes until none are left or its time is
 * up. All the state is in the database, claimed row by row: runs on several nodes, or a run after a crash,
 * never take a lead twice.
 */
@Configuration(proxyBeanMethods = false)
class MetaLeadProcessing {

    private static final Logger log = LoggerFactory.getLogger(MetaLeadProcessing.class);
    static final Duration RUN_BUDGET = Duration.ofSeconds(50);

    private final MetaInbox inbox;
    private final MetaLeadProcessor processor;
    private final DSLContext db;
    private final MetaProperties properties;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();

    MetaLeadProcessing(MetaInbox inbox, MetaLeadProcessor processor, DSLContext db, MetaProperties properties,
            Clock clock) {
        this.inbox = inbox;
        this.processor = processor;
        this.db = db;
        this.properties = properties;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> metaLeadProcessingTask() {
        return Tasks.recurring("meta-lead-processing", Schedules.fixedDelay(Duration.ofSeconds(5)))
                .execute((instance, context) -> drain());
    }

    @Bean
    RecurringTask<Void> metaDeliveryPurgeTask() {
        return Tasks.recurring("meta-delivery-purge", Schedules.cron("0 45 2 * * *", ZoneOffset.UTC))
                .execute((instance, context) -> inbox.purgeBefore(OffsetDateTime.now(clock)
                        .minusDays(properties.deliveryRetentionDays())));
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        wake();
    }

    /** Starts a run on this node now, or has the running one go round again. */
    void wake() {
        again.set(true);
        if (!running.isLocked()) {
            Thread.ofVirtual().name("meta-lead-processing").start(this::drain);
        }
    }

    /** Routes and processes until nothing is due or the run's time is up; one run at a time on this node. */
    void drain() {
        if (!running.tryLock()) {
            again.set(true);
            return;
        }
        try {
            Instant deadline = clock.instant().plus(RUN_BUDGET);
            boolean worked;
            do {
                again.set(false);
                worked = false;
                try {
                    inbox.route(50);
                    List<UUID> organizations = db.select(DSL.field("meta_connected_organizations()", UUID.class))
                            .fetch(0, UUID.class);
                    for (UUID organization : organizations) {
                        if (processor.processDue(organization) > 0) {
                            worked = true;
                        }
                    }
                    if (db.fetchExists(DSL.selectOne().from(com.educonsult.crm.jooq.Tables.META_WEBHOOK_DELIVERIES)
                            .where(com.educonsult.crm.jooq.Tables.META_WEBHOOK_DELIVERIES.STATUS.eq("received")))) {
                        worked = true;
                    }
                } catch (RuntimeException e) {
                    log.warn("Processing Meta deliveries failed; the next run tries again", e);
                    return;
                }
            } while ((worked || again.get()) && clock.instant().isBefore(deadline));
        } finally {
            running.unlock();
        }
    }
}
