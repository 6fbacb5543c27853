package com.educonsult.crm.platform.live;

import com.educonsult.crm.platform.security.CurrentUser;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open event streams of this server process, and who may see what. Streams are closed first when the
 * server stops, so that graceful shutdown does not wait for them.
 */
@Component
public class LiveStreams implements SmartLifecycle {

    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration HEARTBEAT = Duration.ofSeconds(20);

    private record Subscriber(CurrentUser user, SseEmitter emitter) {
    }

    private final Map<UUID, Set<Subscriber>> byOrganization = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("live-heartbeat").factory());

    LiveStreams() {
        heartbeat.scheduleAtFixedRate(this::sendHeartbeats, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
    }

    public SseEmitter open(CurrentUser user) {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        Subscriber subscriber = new Subscriber(user, emitter);
        Set<Subscriber> subscribers = byOrganization.computeIfAbsent(user.organizationId(), id -> ConcurrentHashMap.newKeySet());
        subscribers.add(subscriber);
        Runnable remove = () -> subscribers.remove(subscriber);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        send(subscriber, SseEmitter.event().name("ready").data(Map.of("user_id", user.userId())));
        return emitter;
    }

    void dispatch(LiveEvent event) {
        for (Subscriber subscriber : byOrganization.getOrDefault(event.organizationId(), Set.of())) {
            if (mayReceive(subscriber.user(), event)) {
                send(subscriber, SseEmitter.event().name(event.type()).data(event.data(), MediaType.APPLICATION_JSON));
            }
        }
    }

    int subscriberCount() {
        return byOrganization.values().stream().mapToInt(Set::size).sum();
    }

    static boolean mayReceive(CurrentUser user, LiveEvent event) {
        if (!user.organizationId().equals(event.organizationId())
                || (event.permission() != null && !user.can(event.permission()))) {
            return false;
        }
        LiveEvent.Audience audience = event.audience();
        boolean assignedToUser = audience != null && user.userId().equals(audience.assignedTo());
        return switch (user.dataScope()) {
            case ALL -> true;
            case BRANCH -> assignedToUser || (audience != null && user.branchId() != null
                    && user.branchId().equals(audience.branchId()));
            case OWN -> assignedToUser;
        };
    }

    private void sendHeartbeats() {
        byOrganization.values().forEach(subscribers ->
                subscribers.forEach(s -> send(s, SseEmitter.event().comment("keep-alive"))));
    }

    private void send(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
        try {
            subscriber.emitter().send(event);
        } catch (IOException | IllegalStateException e) {
            subscriber.emitter().completeWithError(e);
            byOrganization.getOrDefault(subscriber.user().organizationId(), Set.of()).remove(subscriber);
        }
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        heartbeat.shutdownNow();
        byOrganization.values().forEach(subscribers -> subscribers.forEach(s -> s.emitter().complete()));
        byOrganization.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
