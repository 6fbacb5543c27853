package com.educonsult.crm.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import javax.sql.DataSource;
import com.educonsult.crm.platform.ReadReplica;
import org.jooq.DSLContext;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Connections: the application pool (a role subject to row-level security) and the migration connection
 * (the schema owner). Both point at the embedded PostgreSQL unless {@code DATABASE_URL} names another.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabaseHolder embeddedDatabase(DatabaseProperties properties) throws IOException, SQLException {
        return new EmbeddedDatabaseHolder(properties.embedded() ? EmbeddedDatabase.start(properties) : null);
    }

    @Bean
    @Primary
    HikariDataSource dataSource(DatabaseProperties properties, EmbeddedDatabaseHolder embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("crm");
        config.setMaximumPoolSize(properties.poolSize());
        // an idle server holds few connections (and PostgreSQL few backends); the pool grows with the load
        config.setMinimumIdle(Math.min(properties.poolMinimumIdle(), properties.poolSize()));
        // JDBC batches of inserts (a synced batch's timeline activities) go as multi-row statements
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // every statement is planned for its own values: one organization holds a million leads and another
        // a hundred, one counselor a tenth of them and another ten, and a plan made once for "some organization"
        // and "some owner" (PostgreSQL's generic plan after a statement's fifth run) can walk a million rows
        config.addDataSourceProperty("options", "-c plan_cache_mode=force_custom_plan");
        if (embedded.database() != null) {
            config.setJdbcUrl(embedded.database().jdbcUrl());
            config.setUsername(EmbeddedDatabase.APP_ROLE);
        } else {
            config.setJdbcUrl(jdbcUrl(properties.url()));
            config.setUsername(properties.username());
            config.setPassword(properties.password());
        }
        return new HikariDataSource(config);
    }

    @Bean
    @FlywayDataSource
    DataSource migrationDataSource(DatabaseProperties properties, EmbeddedDatabaseHolder embedded) {
        if (embedded.database() != null) {
            return embedded.database().superuserDataSource(EmbeddedDatabase.DATABASE);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("crm-migration");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        config.setJdbcUrl(jdbcUrl(properties.url()));
        boolean ownRole = properties.migrationUsername() != null && !properties.migrationUsername().isBlank();
        config.setUsername(ownRole ? properties.migrationUsername() : properties.username());
        config.setPassword(ownRole ? properties.migrationPassword() : properties.password());
        return new HikariDataSource(config);
    }

    @Bean
    FlywayConfigurationCustomizer applicationRoleGrants(DatabaseProperties properties, EmbeddedDatabaseHolder embedded) {
        String appRole = embedded.database() != null ? EmbeddedDatabase.APP_ROLE : properties.username();
        return configuration -> configuration.placeholders(java.util.Map.of("app_role", quoteIdentifier(appRole)));
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new TenantAwareTransactionManager(dataSource);
    }

    /** The replica's pool, when {@code DATABASE_REPLICA_URL} names one (not a DataSource bean: nothing else uses it). */
    @Bean(destroyMethod = "close")
    ReplicaPool replicaPool(DatabaseProperties properties, EmbeddedDatabaseHolder embedded) {
        if (!properties.hasReplica()) {
            return new ReplicaPool(null);
        }
        String primaryUser = embedded.database() != null ? EmbeddedDatabase.APP_ROLE : properties.username();
        HikariConfig config = new HikariConfig();
        config.setPoolName("crm-replica");
        config.setMaximumPoolSize(properties.replicaPoolSize());
        config.setMinimumIdle(Math.min(properties.poolMinimumIdle(), properties.replicaPoolSize()));
        config.addDataSourceProperty("options", "-c plan_cache_mode=force_custom_plan");
        config.setJdbcUrl(jdbcUrl(properties.replicaUrl()));
        config.setUsername(blank(properties.replicaUsername()) ? primaryUser : properties.replicaUsername());
        config.setPassword(blank(properties.replicaPassword()) ? properties.password() : properties.replicaPassword());
        return new ReplicaPool(new HikariDataSource(config));
    }

    @Bean
    ReadReplica readReplica(ReplicaPool replica, DSLContext db, PlatformTransactionManager transactions) {
        return replica.dataSource() != null ? ReadReplica.onReplica(replica.dataSource())
                : ReadReplica.onPrimary(db, transactions);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    record ReplicaPool(HikariDataSource dataSource) implements AutoCloseable {
        @Override
        public void close() {
            if (dataSource != null) {
                dataSource.close();
            }
        }
    }

    /** Accepts {@code jdbc:postgresql://...} as it is and {@code postgres://user:pass@host:port/db} as hosts give it. */
    static String jdbcUrl(String url) {
        if (url.startsWith("jdbc:")) {
            return url;
        }
        URI uri = URI.create(url);
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(uri.getPath());
        if (uri.getQuery() != null) {
            jdbc.append('?').append(uri.getQuery());
        }
        return jdbc.toString();
    }

    private static String quoteIdentifier(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Holds the embedded database, if any, so that Spring closes it after the pools that use it. */
    record EmbeddedDatabaseHolder(EmbeddedDatabase database) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (database != null) {
                database.close();
            }
        }
    }
}
