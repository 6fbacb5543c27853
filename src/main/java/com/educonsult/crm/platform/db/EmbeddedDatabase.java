package com.educonsult.crm.platform.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL 17 of the default setup. It keeps its data between runs, recovers from an
 * earlier run that was killed (a stale postmaster left behind), and creates the application's own role,
 * which cannot bypass row-level security.
 */
final class EmbeddedDatabase implements AutoCloseable {

    static final String DATABASE = "crm";
    static final String APP_ROLE = "crm_app";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(DatabaseProperties properties) throws IOException, SQLException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "200")
                .setServerConfig("timezone", "UTC");
        if (properties.embeddedPersistent()) {
            Path directory = Path.of(properties.embeddedDirectory()).toAbsolutePath().normalize();
            Files.createDirectories(directory);
            stopStalePostmaster(directory);
            builder.setDataDirectory(directory).setCleanDataDirectory(false)
                    // the library's defaults trade durability for speed; kept data must survive a crash
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
            log.info("Embedded PostgreSQL data directory: {}", directory);
        }
        EmbeddedDatabase database = new EmbeddedDatabase(builder.start());
        database.prepare();
        return database;
    }

    /** The URL of the application database, without a user: the pool logs in as {@link #APP_ROLE}. */
    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    DataSource superuserDataSource(String databaseName) {
        return postgres.getDatabase("postgres", databaseName);
    }

    private void prepare() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            if (!exists(statement, "select 1 from pg_roles where rolname = '" + APP_ROLE + "'")) {
                statement.execute("create role " + APP_ROLE + " login nosuperuser nobypassrls nocreatedb nocreaterole");
            }
            if (!exists(statement, "select 1 from pg_database where datname = '" + DATABASE + "'")) {
                statement.execute("create database " + DATABASE);
            }
        }
    }

    private static boolean exists(Statement statement, String sql) throws SQLException {
        try (var result = statement.executeQuery(sql)) {
            return result.next();
        }
    }

    /**
     * A run that was killed leaves its postmaster running with the data directory. The embedded library
     * holds a lock on {@code epg-lock} while its owner lives: if we can take it, the owner is gone and
     * the postmaster is stale, so we stop it; if we cannot, another server uses the directory.
     */
    private static void stopStalePostmaster(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (RandomAccessFile lockFile = new RandomAccessFile(directory.resolve("epg-lock").toFile(), "rw");
                FileChannel channel = lockFile.getChannel()) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new IllegalStateException("The data directory " + directory
                        + " is in use by another running server. Stop it, or set CRM_DATA_DIR to another directory.");
            }
            try {
                stalePostmasterPid(pidFile).flatMap(ProcessHandle::of).ifPresent(EmbeddedDatabase::stop);
                Files.deleteIfExists(pidFile);
            } finally {
                lock.release();
            }
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static Optional<Long> stalePostmasterPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void stop(ProcessHandle postmaster) {
        boolean isPostgres = postmaster.info().command().map(c -> c.contains("postgres")).orElse(false);
        if (!isPostgres) {
            return;
        }
        log.warn("Stopping a stale embedded PostgreSQL (pid {}) left by a run that did not shut down", postmaster.pid());
        postmaster.destroy();
        try {
            postmaster.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            postmaster.destroyForcibly();
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
