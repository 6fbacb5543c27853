package com.educonsult.crm.platform.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of its own that {@code LISTEN}s on the database's notification channels and hands each
 * notification to its channel, on a thread of its own. It reconnects after a lost connection; notifications sent
 * meanwhile are lost, which each channel learns from {@link Channel#listening()} (called on every connect) and
 * {@link Channel#interrupted()}. A plain object, so that a test can run a second one as another server would.
 */
public final class NotificationListener implements AutoCloseable {

    /** A channel and what to do with its notifications. */
    public interface Channel {
        String name();

        void received(String payload);

        /** Listening from now on; anything sent before may have been missed. */
        default void listening() {
        }

        /** Not listening until the next {@link #listening()}. */
        default void interrupted() {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);
    private static final int POLL_MILLIS = 500;
    /** How the listening connection shows in {@code pg_stat_activity}, beside the pool's. */
    public static final String APPLICATION_NAME = "crm-notifications";

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final Map<String, Channel> channels;
    private volatile boolean running;
    private volatile Thread thread;

    public NotificationListener(String jdbcUrl, String username, String password, List<? extends Channel> channels) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.channels = channels.stream().collect(Collectors.toUnmodifiableMap(Channel::name, Function.identity()));
    }

    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("database-notifications").start(this::listen);
    }

    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, connectionProperties())) {
                try (Statement statement = connection.createStatement()) {
                    for (String channel : channels.keySet()) {
                        statement.execute("listen " + channel);
                    }
                }
                channels.values().forEach(Channel::listening);
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            deliver(notification);
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Database notification listener lost its connection; reconnecting: {}", e.getMessage());
                    pause();
                }
            } finally {
                channels.values().forEach(Channel::interrupted);
            }
        }
    }

    private java.util.Properties connectionProperties() {
        java.util.Properties properties = new java.util.Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        return properties;
    }

    private void deliver(PGNotification notification) {
        Channel channel = channels.get(notification.getName());
        if (channel == null) {
            return;
        }
        try {
            channel.received(notification.getParameter());
        } catch (RuntimeException e) {
            log.warn("Dropped a notification on {} that could not be handled: {}", notification.getName(), e.getMessage());
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
