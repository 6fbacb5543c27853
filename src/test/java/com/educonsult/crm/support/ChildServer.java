package com.educonsult.crm.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server as a child process, so that a test can kill it (SIGKILL) and start it again on the same data: an
 * embedded PostgreSQL under the data directory, a port of its own, the log in {@code <name>-server.log}. Close it
 * after the test (stops a live server, prints the logs of one that died, stops an orphaned PostgreSQL).
 */
public final class ChildServer implements AutoCloseable {

    public static final String JWT_SECRET = "Y2hpbGQtc2VydmVyLWtleS1jaGlsZC1zZXJ2ZXIta2V5LWNoaWxkLXNlcnZlci1rZXk=";

    private final Path dataDirectory;
    private final int port;
    private final List<String> settings;
    private Process process;

    public ChildServer(Path dataDirectory, String... settings) throws IOException {
        this.dataDirectory = dataDirectory;
        this.port = freePort();
        this.settings = List.of(settings);
    }

    public ApiTest.Api api() {
        return new ApiTest.Api("http://localhost:" + port);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Starts the server (a run named for its log) and waits until it answers its health check. */
    public void start(String name) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = dataDirectory.resolve(name + "-server.log");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "com.educonsult.crm.CrmApplication", "--server.port=" + port, "--crm.data-dir=" + dataDirectory,
                "--crm.base-url=http://localhost:" + port, "--crm.demo-data=false", "--logging.level.root=WARN",
                "--crm.identity.jwt-secret=" + JWT_SECRET,
                "--crm.rate-limits.exempt-addresses=127.0.0.1,0:0:0:0:0:0:0:1"));
        command.addAll(settings);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ApiTest.Api api = api();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server stopped while starting:\n" + Files.readString(log));
            }
            try {
                if (api.get("/actuator/health", null).status() == 200) {
                    return;
                }
            } catch (IllegalStateException notListeningYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException("The server did not start in time:\n" + Files.readString(log));
    }

    /** Kills the server at once (SIGKILL: no shutdown hook, no commit of what is in flight). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (process != null && !process.isAlive()) {
            try (var logs = Files.list(dataDirectory)) {
                for (Path log : logs.filter(p -> p.toString().endsWith("-server.log")).toList()) {
                    System.err.println("--- " + log.getFileName() + "\n" + Files.readString(log));
                }
            }
        }
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
        }
        Path pidFile = dataDirectory.resolve("postgres").resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
