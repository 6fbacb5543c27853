package com.educonsult.crm.platform.live;

import com.educonsult.crm.platform.db.NotificationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Hands the live events published by any server process on the database to this process's streams. */
@Component
class LiveEventChannel implements NotificationListener.Channel {

    private static final Logger log = LoggerFactory.getLogger(LiveEventChannel.class);

    private final LiveStreams streams;
    private final JsonMapper json;

    LiveEventChannel(LiveStreams streams, JsonMapper json) {
        this.streams = streams;
        this.json = json;
    }

    @Override
    public String name() {
        return LiveEvents.CHANNEL;
    }

    @Override
    public void received(String payload) {
        try {
            streams.dispatch(json.readValue(payload, LiveEvent.class));
        } catch (RuntimeException e) {
            log.warn("Dropped a live event that could not be read: {}", e.getMessage());
        }
    }
}
