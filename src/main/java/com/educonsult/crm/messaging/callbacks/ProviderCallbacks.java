package com.educonsult.crm.messaging.callbacks;

import static com.educonsult.crm.jooq.Tables.PROVIDER_CALLBACKS;

import com.educonsult.crm.jooq.tables.records.ProviderCallbacksRecord;
import com.educonsult.crm.platform.Tenancy;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Message providers' callbacks (WhatsApp webhook deliveries, SMS delivery reports), stored raw the moment they
 * are verified and processed by a job: every few seconds once across servers, and at once on the node that
 * stored one. Each callback is taken by one transaction at a time (row lock, skip locked), so several nodes or a
 * restart never process it twice at once; a failure is tried again with backoff, then left failed with its
 * reason for an admin to see.
 */
@Configuration(proxyBeanMethods = false)
public class ProviderCallbacks {

    private static final Logger log = LoggerFactory.getLogger(ProviderCallbacks.class);
    static final Duration RUN_BUDGET = Duration.ofSeconds(50);

    private final DSLContext db;
    private final Tenancy tenancy;
    private final Map<String, CallbackHandler> handlers;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration retention;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();

    ProviderCallbacks(DSLContext db, Tenancy tenancy, List<CallbackHandler> handlers, Clock clock,
            @Value("${crm.messaging.callbacks.max-attempts:6}") int maxAttempts,
            @Value("${crm.messaging.callbacks.retention:30d}") Duration retention) {
        this.db = db;
        this.tenancy = tenancy;
        this.handlers = handlers.stream().collect(Collectors.toMap(CallbackHandler::provider, Function.identity()));
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.retention = retention;
    }

    @Bean
    RecurringTask<Void> providerCallbackProcessingTask() {
        return Tasks.recurring("provider-callback-processing", Schedules.fixedDelay(Duration.ofSeconds(5)))
                .execute((instance, context) -> drain());
    }

    @Bean
    RecurringTask<Void> providerCallbackPurgeTask() {
        return Tasks.recurring("provider-callback-purge", Schedules.cron("0 15 3 * * *", ZoneOffset.UTC))
                .execute((instance, context) -> purge());
    }

    /**
     * Stores a verified callback for the organization, in a transaction of its own; processing starts on this
     * node once it commits. Answers the stored callback's id.
     */
    public UUID store(UUID organizationId, String provider, String payload) {
        UUID id = tenancy.callAs(organizationId, () -> {
            UUID stored = db.insertInto(PROVIDER_CALLBACKS)
                    .set(PROVIDER_CALLBACKS.ORGANIZATION_ID, organizationId)
                    .set(PROVIDER_CALLBACKS.PROVIDER, provider)
                    .set(PROVIDER_CALLBACKS.PAYLOAD, payload)
                    .returning(PROVIDER_CALLBACKS.ID).fetchOne().getId();
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        wake();
                    }
                });
            }
            return stored;
        });
        return id;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        wake();
    }

    /** Starts a run on this node now, or has the running one go round again. */
    public void wake() {
        again.set(true);
        if (!running.isLocked()) {
            Thread.ofVirtual().name("provider-callbacks").start(this::drain);
        }
    }

    /** Processes due callbacks of every organization until none is left or the run's time is up. */
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
                List<UUID> organizations = db.select(DSL.field("provider_callback_organizations()", UUID.class))
                        .fetch(0, UUID.class);
                for (UUID organization : organizations) {
                    while (clock.instant().isBefore(deadline) && processOne(organization)) {
                        worked = true;
                    }
                }
            } while ((worked || again.get()) && clock.instant().isBefore(deadline));
        } catch (RuntimeException e) {
            log.warn("Processing provider callbacks failed; the next run tries again", e);
        } finally {
            running.unlock();
        }
    }

    /** Takes the organization's next due callback and processes it; false when none is due. */
    boolean processOne(UUID organizationId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        ProviderCallbacksRecord[] taken = new ProviderCallbacksRecord[1];
        try {
            return tenancy.callAs(organizationId, () -> {
                ProviderCallbacksRecord row = db.selectFrom(PROVIDER_CALLBACKS)
                        .where(PROVIDER_CALLBACKS.ORGANIZATION_ID.eq(organizationId),
                                PROVIDER_CALLBACKS.NEXT_ATTEMPT_AT.le(now))
                        .orderBy(PROVIDER_CALLBACKS.NEXT_ATTEMPT_AT)
                        .limit(1).forUpdate().skipLocked().fetchOne();
                if (row == null) {
                    return false;
                }
                taken[0] = row;
                CallbackHandler handler = handlers.get(row.getProvider());
                if (handler == null) {
                    throw new IllegalStateException("No handler for provider " + row.getProvider());
                }
                handler.handle(organizationId, row.getPayload());
                db.update(PROVIDER_CALLBACKS)
                        .set(PROVIDER_CALLBACKS.STATUS, "processed")
                        .set(PROVIDER_CALLBACKS.ATTEMPTS, row.getAttempts() + 1)
                        .setNull(PROVIDER_CALLBACKS.NEXT_ATTEMPT_AT)
                        .setNull(PROVIDER_CALLBACKS.REASON)
                        .set(PROVIDER_CALLBACKS.PROCESSED_AT, OffsetDateTime.now(clock))
                        .where(PROVIDER_CALLBACKS.ORGANIZATION_ID.eq(organizationId),
                                PROVIDER_CALLBACKS.ID.eq(row.getId()))
                        .execute();
                return true;
            });
        } catch (RuntimeException e) {
            ProviderCallbacksRecord row = taken[0];
            if (row == null) {
                throw e;
            }
            int attempts = row.getAttempts() + 1;
            boolean last = attempts >= maxAttempts;
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.warn("Provider callback {} of organization {} failed (attempt {}): {}", row.getId(), organizationId,
                    attempts, reason);
            tenancy.runAs(organizationId, () -> db.update(PROVIDER_CALLBACKS)
                    .set(PROVIDER_CALLBACKS.STATUS, last ? "failed" : "received")
                    .set(PROVIDER_CALLBACKS.ATTEMPTS, attempts)
                    .set(PROVIDER_CALLBACKS.NEXT_ATTEMPT_AT, last ? null
                            : OffsetDateTime.now(clock).plus(Duration.ofSeconds(30L << Math.min(10, attempts - 1))))
                    .set(PROVIDER_CALLBACKS.REASON, reason.length() > 1000 ? reason.substring(0, 1000) : reason)
                    .where(PROVIDER_CALLBACKS.ORGANIZATION_ID.eq(organizationId),
                            PROVIDER_CALLBACKS.ID.eq(row.getId()))
                    .execute());
            return true;
        }
    }

    void purge() {
        OffsetDateTime before = OffsetDateTime.now(clock).minus(retention);
        for (UUID organization : db.select(DSL.field("provider_callback_organizations()", UUID.class))
                .fetch(0, UUID.class)) {
            tenancy.runAs(organization, () -> db.deleteFrom(PROVIDER_CALLBACKS)
                    .where(PROVIDER_CALLBACKS.ORGANIZATION_ID.eq(organization),
                            PROVIDER_CALLBACKS.RECEIVED_AT.lt(before), PROVIDER_CALLBACKS.STATUS.ne("received"))
                    .execute());
        }
    }
}
