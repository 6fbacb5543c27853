package com.educonsult.crm.messaging.campaigns;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Campaign sending on this node, every poll interval from the moment the server is ready: the recurring job's
 * work without waiting for the scheduler's polling (every few seconds) or for a crashed node's claim on the job to
 * expire. Every node runs it; the campaign and recipient row locks (SKIP LOCKED) keep two nodes from handing the
 * same recipient over.
 */
@Component
class CampaignPump {

    private static final Logger log = LoggerFactory.getLogger(CampaignPump.class);

    private final CampaignSender sender;
    private final CampaignProperties properties;
    private ScheduledExecutorService executor;

    CampaignPump(CampaignSender sender, CampaignProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("campaign-sending").factory());
        long every = Math.max(100, properties.pollInterval().toMillis());
        executor.scheduleWithFixedDelay(this::run, every, every, TimeUnit.MILLISECONDS);
    }

    @EventListener(ContextClosedEvent.class)
    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    private void run() {
        try {
            sender.runDue();
        } catch (RuntimeException e) {
            log.warn("A campaign sending run failed", e);
        }
    }
}
