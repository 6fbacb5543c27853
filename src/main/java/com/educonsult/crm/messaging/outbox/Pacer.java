package com.educonsult.crm.messaging.outbox;

import com.educonsult.crm.messaging.Channel;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.springframework.stereotype.Component;

/**
 * Spaces the messages of each channel evenly at the configured rate. The sending job runs on one server at a time
 * (db-scheduler), and this server's pacer is the only one handing messages over meanwhile, so the rate holds for
 * all servers together; a run that starts on another server after this one ended starts a fresh pace, at most one
 * message early.
 */
@Component
class Pacer {

    private final MessagingProperties properties;
    private final Map<Channel, Long> nextSlot = new EnumMap<>(Channel.class);

    Pacer(MessagingProperties properties) {
        this.properties = properties;
    }

    /** Waits until the channel may take one more message. */
    void await(Channel channel) {
        int perSecond = properties.throttle().perSecond(channel);
        if (perSecond <= 0) {
            return;
        }
        long interval = 1_000_000_000L / perSecond;
        long slot;
        synchronized (nextSlot) {
            long now = System.nanoTime();
            slot = Math.max(now, nextSlot.getOrDefault(channel, now));
            nextSlot.put(channel, slot + interval);
        }
        long wait;
        while ((wait = slot - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** How many messages of the channel fit in the given seconds (for the size of a claim). */
    int perSeconds(Channel channel, int seconds) {
        int perSecond = properties.throttle().perSecond(channel);
        return perSecond <= 0 ? Integer.MAX_VALUE : Math.max(1, perSecond * seconds);
    }
}
