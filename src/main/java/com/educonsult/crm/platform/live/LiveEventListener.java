package com.educonsult.crm.platform.live;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Listens on the database for live events published by any server process, on a connection of its own, and
 * hands them to this process's streams. Reconnects after a lost connection.
 */
@Component
class LiveEventListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveEventListener.class);
    private static final int POLL_MILLIS = 500;

    private final HikariDataSource dataSource;
    private final LiveStreams streams;
    private final JsonMapper json;
    private volatile boolean running;
    private volatile Thread thread;

    LiveEventListener(HikariDataSource dataSource, LiveStreams streams, JsonMapper json) {
        this.dataSource = dataSource;
        this.streams = streams;
        this.json = json;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("live-event-listener").start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(dataSource.getJdbcUrl(),
                    dataSource.getUsername(), dataSource.getPassword())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + LiveEvents.CHANNEL);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            deliver(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Live event listener lost its connection; reconnecting: {}", e.getMessage());
                    pause();
                }
            }
        }
    }

    private void deliver(String payload) {
        try {
            streams.dispatch(json.readValue(payload, LiveEvent.class));
        } catch (RuntimeException e) {
            log.warn("Dropped a live event that could not be read: {}", e.getMessage());
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
