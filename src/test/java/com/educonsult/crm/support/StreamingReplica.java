package com.educonsult.crm.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A primary PostgreSQL 17 migrated like the server's database, and a hot standby streaming from it, on this
 * machine. The embedded binaries have no pg_basebackup, so the standby is made the low-level way: a replication
 * slot keeps the primary's WAL, {@code pg_backup_start}, a copy of the data directory, {@code pg_backup_stop} (its
 * label becomes the copy's {@code backup_label}), then {@code standby.signal} and {@code primary_conninfo}.
 */
public final class StreamingReplica implements AutoCloseable {

    public static final String DATABASE = "crm";
    public static final String APP_ROLE = "crm_app";
    /** Runtime state the server rebuilds; a base backup leaves these directories empty. */
    private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");
    private static final Set<String> SKIPPED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

    private final Path root;
    private final EmbeddedPostgres primary;
    private final Path standbyDirectory;
    private final Path binaries;
    private final int standbyPort;
    private final Process standby;

    private StreamingReplica(Path root, EmbeddedPostgres primary, Path standbyDirectory, Path binaries,
            int standbyPort, Process standby) {
        this.root = root;
        this.primary = primary;
        this.standbyDirectory = standbyDirectory;
        this.binaries = binaries;
        this.standbyPort = standbyPort;
        this.standby = standby;
    }

    public static StreamingReplica start() throws IOException, SQLException, InterruptedException {
        Path root = Files.createTempDirectory("replication");
        EmbeddedPostgres primary = EmbeddedPostgres.builder()
                .setDataDirectory(root.resolve("primary"))
                .setCleanDataDirectory(true)
                .setRegisterShutdownHook(false)
                .setServerConfig("timezone", "UTC")
                .setServerConfig("wal_level", "replica")
                .setServerConfig("max_wal_senders", "4")
                .setServerConfig("max_replication_slots", "4")
                .start();
        try {
            prepare(primary);
            Path binaries = binariesOf(primary);
            Path standbyDirectory = root.resolve("standby");
            baseBackup(primary, standbyDirectory);
            int port = freePort();
            List<String> command = asServerUser(binaries.resolve("postgres").toString(), "-D",
                    standbyDirectory.toString(), "-p", Integer.toString(port), "-F", "-c", "hot_standby=on");
            command.addAll(limitsOf(primary));
            Process standby = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(root.resolve("standby.log").toFile())
                    .start();
            StreamingReplica replica = new StreamingReplica(root, primary, standbyDirectory, binaries, port, standby);
            replica.awaitStandby();
            return replica;
        } catch (IOException | SQLException | InterruptedException | RuntimeException e) {
            primary.close();
            deleteTree(root);
            throw e;
        }
    }

    /** The application's role on the primary (subject to row-level security). */
    public DataSource primaryAsApplication() {
        return primary.getDatabase(APP_ROLE, DATABASE);
    }

    /** The schema owner on the primary: writes test data past row-level security. */
    public DataSource primaryAsOwner() {
        return primary.getDatabase("postgres", DATABASE);
    }

    /** The JDBC URL of the standby's database. */
    public String standbyUrl() {
        return "jdbc:postgresql://localhost:" + standbyPort + "/" + DATABASE;
    }

    /** The application's role on the standby. */
    public DataSource standbyAsApplication() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(standbyUrl());
        dataSource.setUser(APP_ROLE);
        return dataSource;
    }

    private static void prepare(EmbeddedPostgres primary) throws SQLException {
        try (Connection connection = primary.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create role " + APP_ROLE + " login nosuperuser nobypassrls nocreatedb nocreaterole");
            statement.execute("create database " + DATABASE);
        }
        Flyway.configure()
                .dataSource(primary.getDatabase("postgres", DATABASE))
                .locations("classpath:db/migration")
                .placeholders(Map.of("app_role", '"' + APP_ROLE + '"'))
                .load()
                .migrate();
    }

    /** The directory of the primary's postgres binary: the embedded library unpacks them where it likes. */
    private static Path binariesOf(EmbeddedPostgres primary) throws SQLException, IOException {
        Path dataDirectory = dataDirectoryOf(primary);
        long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
        String command = ProcessHandle.of(postmaster).flatMap(p -> p.info().command())
                .orElseThrow(() -> new IllegalStateException("Cannot find the primary's postgres binary"));
        return Path.of(command).getParent();
    }

    /** A hot standby needs limits at least as high as its primary's (the primary's command line set some). */
    private static List<String> limitsOf(EmbeddedPostgres primary) throws SQLException {
        List<String> limits = new java.util.ArrayList<>();
        try (Connection connection = primary.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select name, setting from pg_settings where name in "
                        + "('max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', "
                        + "'max_locks_per_transaction')")) {
            while (result.next()) {
                limits.add("-c");
                limits.add(result.getString(1) + "=" + result.getString(2));
            }
        }
        return limits;
    }

    private static Path dataDirectoryOf(EmbeddedPostgres primary) throws SQLException {
        try (Connection connection = primary.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("show data_directory")) {
            result.next();
            return Path.of(result.getString(1));
        }
    }

    private static void baseBackup(EmbeddedPostgres primary, Path target) throws SQLException, IOException {
        Path source = dataDirectoryOf(primary);
        try (Connection connection = primary.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            // the slot keeps every WAL segment from the backup's start until the standby has streamed it
            statement.execute("select pg_create_physical_replication_slot('standby', true)");
            statement.execute("select pg_backup_start('standby', true)");
            copyDataDirectory(source, target);
            try (ResultSet stop = statement.executeQuery("select labelfile, spcmapfile from pg_backup_stop(false)")) {
                stop.next();
                Files.writeString(target.resolve("backup_label"), stop.getString("labelfile"));
                String tablespaces = stop.getString("spcmapfile");
                if (tablespaces != null && !tablespaces.isBlank()) {
                    Files.writeString(target.resolve("tablespace_map"), tablespaces);
                }
            }
        }
        // the server refuses a data directory others may read
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Files.createFile(target.resolve("standby.signal"));
        Files.writeString(target.resolve("postgresql.auto.conf"), String.join("\n", List.of("",
                "primary_conninfo = 'host=localhost port=" + primary.getPort()
                        + " user=postgres application_name=standby'",
                "primary_slot_name = 'standby'", "")), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Copies a running server's data directory; files that vanish while it runs are skipped, as a base backup does. */
    private static void copyDataDirectory(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                Path relative = source.relativize(directory);
                Files.createDirectories(target.resolve(relative));
                if (relative.getNameCount() == 1 && EMPTIED.contains(relative.toString())) {
                    if (relative.toString().equals("pg_wal")) {
                        Files.createDirectories(target.resolve(relative).resolve("archive_status"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Path relative = source.relativize(file);
                if (relative.getNameCount() == 1 && SKIPPED.contains(relative.toString())) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, target.resolve(relative), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (NoSuchFileException vanished) {
                    // dropped by the server during the copy: the WAL replay recreates what is needed
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    private void awaitStandby() throws InterruptedException, SQLException, IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try (Connection connection = DriverManager.getConnection(standbyUrl(), "postgres", "")) {
                return;
            } catch (SQLException notYet) {
                if (!standby.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("The standby did not start: "
                            + Files.readString(root.resolve("standby.log")), notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * PostgreSQL refuses to run as root; as the embedded library does, root runs it in a user namespace of its own
     * ({@code unshare -U}), where it is nobody yet keeps its access to the files.
     */
    private static List<String> asServerUser(String... command) {
        List<String> line = new java.util.ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            line.addAll(List.of("unshare", "-U"));
        }
        line.addAll(List.of(command));
        return line;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            Process stop = new ProcessBuilder(asServerUser(binaries.resolve("pg_ctl").toString(), "-D",
                    standbyDirectory.toString(), "stop", "-m", "fast", "-w")).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!stop.waitFor(30, TimeUnit.SECONDS)) {
                stop.destroyForcibly();
            }
            if (!standby.waitFor(30, TimeUnit.SECONDS)) {
                standby.destroyForcibly();
            }
        } finally {
            primary.close();
            deleteTree(root);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
