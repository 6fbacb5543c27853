package com.educonsult.crm.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The server process is killed (SIGKILL) while phones are syncing, started again on the same data, and the phones
 * send all their batches again, as the app does after a failed request: every call must be stored once and the
 * leads' statistics must count each call once.
 */
class SyncCrashRecoveryTests {

    private static final String JWT_SECRET = "Y3Jhc2gtdGVzdC1rZXktY3Jhc2gtdGVzdC1rZXktY3Jhc2gtdGVzdC1rZXk=";
    private static final String PASSWORD = "Crash-Password-42";
    private static final int DEVICES = 3;
    private static final int BATCHES_PER_DEVICE = 4;
    private static final int BATCH = 200;
    private static final int LEADS = 20;
    private static final String[] TYPES = {"incoming", "outgoing", "missed", "rejected"};

    @TempDir
    Path dataDirectory;

    private Process server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null && !server.isAlive()) {
            // a server that stopped by itself (not killed by the test) says why in its log: show it with the failure
            try (var logs = Files.list(dataDirectory)) {
                for (Path log : logs.filter(p -> p.toString().endsWith("-server.log")).toList()) {
                    System.err.println("--- " + log.getFileName() + " (exit " + server.exitValue() + ")\n"
                            + Files.readString(log));
                }
            }
        }
        if (server != null && server.isAlive()) {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
        }
        stopOrphanedPostgres();
    }

    record Call(String deviceCallId, String phone, String type, int duration, long at) {
        Map<String, Object> json() {
            return Map.of("device_call_id", deviceCallId, "phone_number", phone, "call_type", type,
                    "duration", duration, "timestamp", at, "sim_slot", 1);
        }
    }

    @Test
    void aServerKilledInTheMiddleOfASyncStoresEveryCallOnceAfterTheBatchesAreSentAgain() throws Exception {
        int port = freePort();
        ApiTest.Api api = new ApiTest.Api("http://localhost:" + port);
        server = start(port, "first");

        JsonNode admin = api.post("/api/v1/auth/register", null, Map.of("organization_name", "Crash Test",
                "organization_slug", "crash-test", "first_name", "Ada", "email", "admin@crash.test",
                "password", PASSWORD)).expect(201).data();
        String adminToken = admin.get("access_token").asString();
        List<String> phones = new ArrayList<>();
        List<UUID> leadIds = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            String phone = "+9198765" + String.format("%05d", i);
            phones.add(phone);
            leadIds.add(UUID.fromString(api.post("/api/v1/leads", adminToken, Map.of("first_name", "Lead " + i,
                    "phone", phone)).expect(201).data().get("id").asString()));
        }
        List<String> deviceTokens = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            String email = "counselor" + d + "@crash.test";
            api.post("/api/v1/admin/users", adminToken, Map.of("first_name", "Counselor", "last_name", "No " + d,
                    "email", email, "roles", List.of("counselor"), "password", PASSWORD)).expect(201);
            deviceTokens.add(api.post("/api/v1/auth/login", null, Map.of("email", email, "password", PASSWORD,
                    "organization_slug", "crash-test")).expect(200).data().get("access_token").asString());
        }
        List<List<List<Call>>> batches = batches(phones);

        AtomicInteger acceptedBeforeKill = new AtomicInteger();
        CountDownLatch firstAccepted = new CountDownLatch(1);
        try (ExecutorService phonesSyncing = Executors.newFixedThreadPool(DEVICES)) {
            List<Future<?>> sending = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                String token = deviceTokens.get(d);
                List<List<Call>> deviceBatches = batches.get(d);
                sending.add(phonesSyncing.submit(() -> {
                    for (List<Call> batch : deviceBatches) {
                        try {
                            if (sync(api, token, batch).status() == 200) {
                                acceptedBeforeKill.incrementAndGet();
                                firstAccepted.countDown();
                            }
                        } catch (IllegalStateException connectionLost) {
                            return;
                        }
                    }
                }));
            }
            assertThat(firstAccepted.await(120, TimeUnit.SECONDS)).as("a batch was accepted before the kill").isTrue();
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
            for (Future<?> future : sending) {
                future.get(60, TimeUnit.SECONDS);
            }
        }
        assertThat(acceptedBeforeKill.get()).as("the kill came in the middle of the sync")
                .isLessThan(DEVICES * BATCHES_PER_DEVICE);

        server = start(port, "second");
        for (int d = 0; d < DEVICES; d++) {
            for (List<Call> batch : batches.get(d)) {
                JsonNode result = sync(api, deviceTokens.get(d), batch).expect(200).data();
                assertThat(result.get("created").asInt() + result.get("duplicates").asInt()).isEqualTo(BATCH);
            }
        }

        int sent = DEVICES * BATCHES_PER_DEVICE * BATCH;
        assertThat(api.get("/api/v1/calls?limit=1", adminToken).expect(200).body().get("meta").get("total").asLong())
                .as("calls stored").isEqualTo(sent);
        Map<String, int[]> expected = expectedStatistics(batches);
        for (int i = 0; i < LEADS; i++) {
            JsonNode lead = api.get("/api/v1/leads/" + leadIds.get(i), adminToken).expect(200).data();
            int[] counts = expected.getOrDefault(phones.get(i), new int[2]);
            assertThat(lead.get("total_calls").asInt()).as("total calls of " + phones.get(i)).isEqualTo(counts[0]);
            assertThat(lead.get("total_attempts").asInt()).as("attempts of " + phones.get(i)).isEqualTo(counts[1]);
        }
    }

    /** Per device, batches of calls to the leads' numbers (written in several formats) and to unknown numbers. */
    private static List<List<List<Call>>> batches(List<String> phones) {
        Random random = new Random(11);
        long start = Instant.parse("2026-01-05T08:00:00Z").toEpochMilli();
        List<List<List<Call>>> devices = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            List<List<Call>> deviceBatches = new ArrayList<>();
            for (int b = 0; b < BATCHES_PER_DEVICE; b++) {
                List<Call> batch = new ArrayList<>();
                for (int c = 0; c < BATCH; c++) {
                    int n = b * BATCH + c;
                    String phone = random.nextInt(4) == 0 ? "+9197000" + String.format("%05d", random.nextInt(99_999))
                            : phones.get(random.nextInt(phones.size()));
                    String written = random.nextBoolean() ? phone : "0" + phone.substring(3);
                    batch.add(new Call("device" + d + "-call" + n, written, TYPES[random.nextInt(TYPES.length)],
                            random.nextInt(3) == 0 ? 0 : random.nextInt(300), start + n * 90_000L + d));
                }
                deviceBatches.add(batch);
            }
            devices.add(deviceBatches);
        }
        return devices;
    }

    /** By lead phone: {calls, attempts}. */
    private static Map<String, int[]> expectedStatistics(List<List<List<Call>>> batches) {
        Map<String, int[]> expected = new HashMap<>();
        batches.stream().flatMap(List::stream).flatMap(List::stream).forEach(call -> {
            String e164 = call.phone().startsWith("0") ? "+91" + call.phone().substring(1) : call.phone();
            int[] counts = expected.computeIfAbsent(e164, phone -> new int[2]);
            counts[0]++;
            if (CallSyncRules.isAttempt(call.type(), call.duration())) {
                counts[1]++;
            }
        });
        return expected;
    }

    private static ApiTest.Response sync(ApiTest.Api api, String token, List<Call> batch) {
        return api.post("/api/v1/calls/sync", token, Map.of("call_logs", batch.stream().map(Call::json).toList()));
    }

    /** The server as its own process (so it can be killed), on the embedded PostgreSQL under the data directory. */
    private Process start(int port, String name) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = dataDirectory.resolve(name + "-server.log");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "com.educonsult.crm.CrmApplication", "--server.port=" + port, "--crm.data-dir=" + dataDirectory,
                "--crm.demo-data=false", "--logging.level.root=WARN", "--crm.identity.jwt-secret=" + JWT_SECRET)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ApiTest.Api api = new ApiTest.Api("http://localhost:" + port);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server stopped while starting:\n" + Files.readString(log));
            }
            try {
                if (api.get("/actuator/health", null).status() == 200) {
                    return process;
                }
            } catch (IllegalStateException notListeningYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException("The server did not start in time:\n" + Files.readString(log));
    }

    /** A killed server leaves its embedded PostgreSQL running; the next start stops it, and so does this. */
    private void stopOrphanedPostgres() throws IOException {
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
