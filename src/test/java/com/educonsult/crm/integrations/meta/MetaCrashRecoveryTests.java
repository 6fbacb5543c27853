package com.educonsult.crm.integrations.meta;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import com.educonsult.crm.support.FakeProviders;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The server process is killed (SIGKILL) while it processes a batch of stored Meta deliveries, started again on the
 * same data, and Meta sends a delivery again as it does when an answer got lost: every lead must exist exactly once.
 */
class MetaCrashRecoveryTests {

    private static final String JWT_SECRET = "bWV0YS1jcmFzaC10ZXN0LWtleS1tZXRhLWNyYXNoLXRlc3Qta2V5LW1ldGEtY3Jhc2g=";
    private static final String PASSWORD = "Crash-Password-42";
    private static final int DELIVERIES = 4;
    private static final int PER_DELIVERY = 100;
    private static final String BASE = "/api/v1/admin/integrations/facebook";

    @TempDir
    Path dataDirectory;

    private Process server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null && !server.isAlive()) {
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

    @Test
    void aServerKilledWhileProcessingStoredDeliveriesTakesEveryLeadInExactlyOnceAfterItStartsAgain() throws Exception {
        int port = freePort();
        ApiTest.Api api = new ApiTest.Api("http://localhost:" + port);
        server = start(port, "first");
        String adminToken = api.post("/api/v1/auth/register", null, Map.of("organization_name", "Meta Crash",
                "organization_slug", "meta-crash", "first_name", "Ada", "email", "admin@meta-crash.test",
                "password", PASSWORD)).expect(201).data().get("access_token").asString();
        MetaFakes.FakePage page = MetaFakes.page("Crash Course Admissions");
        api.post(BASE + "/connect", adminToken, Map.of("user_access_token", page.userToken())).expect(200);

        List<String> bodies = new ArrayList<>();
        Set<String> leadgenIds = new HashSet<>();
        for (int d = 0; d < DELIVERIES; d++) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < PER_DELIVERY; i++) {
                String leadgenId = MetaFakes.id();
                ids.add(leadgenId);
                leadgenIds.add(leadgenId);
                MetaFakes.lead(page, leadgenId, "Student " + d + "-" + i, "+9190" + String.format("%08d",
                        d * 1000 + i), "student" + d + "-" + i + "@crash.test", "Pune", "MS", null, 40);
            }
            bodies.add(MetaFakes.delivery(page.pageId(), page.formId(), ids.toArray(String[]::new)));
        }
        // the Graph API answers in 40 ms, so that the kill comes in the middle of the processing
        for (String body : bodies) {
            deliver(api, body).expect(200);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        long processed = 0;
        while (Instant.now().isBefore(deadline) && (processed = processed(api, adminToken)) == 0) {
            Thread.sleep(20);
        }
        server.destroyForcibly();
        server.waitFor(30, TimeUnit.SECONDS);
        assertThat(processed).as("the kill came in the middle of the processing").isBetween(1L,
                (long) DELIVERIES * PER_DELIVERY - 1);

        server = start(port, "second");
        deliver(api, bodies.getFirst()).expect(200);
        deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline) && processed(api, adminToken) < leadgenIds.size()) {
            Thread.sleep(500);
        }

        assertThat(processed(api, adminToken)).as("leads processed").isEqualTo(leadgenIds.size());
        assertThat(api.get("/api/v1/leads?limit=1", adminToken).expect(200).body().get("meta").get("total").asLong())
                .as("leads stored").isEqualTo(leadgenIds.size());
        Set<String> leadIds = new HashSet<>();
        for (int offset = 0; offset < leadgenIds.size(); offset += 200) {
            for (JsonNode delivery : api.get(BASE + "/deliveries?limit=200&offset=" + offset, adminToken).expect(200)
                    .data()) {
                assertThat(delivery.get("status").asString()).isEqualTo("processed");
                assertThat(leadgenIds).contains(delivery.get("leadgen_id").asString());
                leadIds.add(delivery.get("lead_id").asString());
            }
        }
        assertThat(leadIds).as("one lead per Meta lead").hasSize(leadgenIds.size());
    }

    private static long processed(ApiTest.Api api, String token) {
        return api.get(BASE + "/deliveries?status=processed&limit=1", token).expect(200).body().get("meta")
                .get("total").asLong();
    }

    private static ApiTest.Response deliver(ApiTest.Api api, String body) {
        return api.send(api.builder("/webhooks/facebook", null).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", MetaFakes.signature(body))
                .POST(HttpRequest.BodyPublishers.ofString(body)), body);
    }

    /** The server as its own process (so it can be killed), on the embedded PostgreSQL under the data directory. */
    private Process start(int port, String name) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = dataDirectory.resolve(name + "-server.log");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "com.educonsult.crm.CrmApplication", "--server.port=" + port, "--crm.data-dir=" + dataDirectory,
                "--crm.demo-data=false", "--logging.level.root=WARN", "--crm.identity.jwt-secret=" + JWT_SECRET,
                "--crm.integrations.facebook.app-id=100200300",
                "--crm.integrations.facebook.app-secret=" + MetaFakes.APP_SECRET,
                "--crm.integrations.facebook.verify-token=" + MetaFakes.VERIFY_TOKEN,
                "--crm.integrations.facebook.graph-url=" + FakeProviders.baseUrl() + "/graph",
                "--crm.integrations.facebook.batch-size=25", "--crm.integrations.facebook.concurrency=4",
                "--crm.rate-limits.exempt-addresses=127.0.0.1,0:0:0:0:0:0:0:1")
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
