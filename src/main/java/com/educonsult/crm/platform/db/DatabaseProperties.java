package com.educonsult.crm.platform.db;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the data lives. With no {@code url} the server starts its own embedded PostgreSQL 17 under
 * {@code embeddedDirectory}; otherwise it connects to the given PostgreSQL.
 *
 * @param url JDBC or {@code postgres://} URL of an external PostgreSQL; blank for the embedded one
 * @param username the application's role: must not be a superuser nor have BYPASSRLS
 * @param password the application's password
 * @param migrationUsername role that owns the schema and runs migrations; defaults to {@code username}
 * @param migrationPassword its password
 * @param embeddedDirectory data directory of the embedded PostgreSQL
 * @param embeddedPersistent false to start the embedded PostgreSQL empty and discard it on exit (tests)
 * @param poolSize maximum connections of the application pool
 * @param poolMinimumIdle connections the pool keeps open while idle; it opens more as requests need them
 * @param allowRlsBypass start even when the application role could bypass row-level security (never in production)
 * @param replicaUrl JDBC or {@code postgres://} URL of a streaming replica that analytics and reports read from;
 *        blank: they read from the primary
 * @param replicaUsername the application's role on the replica; defaults to {@code username}
 * @param replicaPassword its password; defaults to {@code password}
 * @param replicaPoolSize maximum connections of the replica's pool
 */
@ConfigurationProperties("crm.database")
public record DatabaseProperties(
        String url,
        String username,
        String password,
        String migrationUsername,
        String migrationPassword,
        @DefaultValue("./data/postgres") String embeddedDirectory,
        @DefaultValue("true") boolean embeddedPersistent,
        @DefaultValue("20") int poolSize,
        @DefaultValue("2") int poolMinimumIdle,
        @DefaultValue("false") boolean allowRlsBypass,
        String replicaUrl,
        String replicaUsername,
        String replicaPassword,
        @DefaultValue("10") int replicaPoolSize) {

    public boolean embedded() {
        return url == null || url.isBlank();
    }

    public boolean hasReplica() {
        return replicaUrl != null && !replicaUrl.isBlank();
    }
}
