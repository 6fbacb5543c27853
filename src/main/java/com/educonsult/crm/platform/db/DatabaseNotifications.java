package com.educonsult.crm.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** This server's one listening connection, for every notification channel of the application. */
@Component
class DatabaseNotifications implements SmartLifecycle {

    private final NotificationListener listener;

    DatabaseNotifications(HikariDataSource dataSource, List<NotificationListener.Channel> channels) {
        this.listener = new NotificationListener(dataSource.getJdbcUrl(), dataSource.getUsername(),
                dataSource.getPassword(), channels);
    }

    @Override
    public void start() {
        listener.start();
    }

    @Override
    public void stop() {
        listener.close();
    }

    @Override
    public boolean isRunning() {
        return listener.isRunning();
    }
}
