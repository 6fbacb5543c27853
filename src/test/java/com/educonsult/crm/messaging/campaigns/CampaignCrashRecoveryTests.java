package com.educonsult.crm.messaging.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import com.educonsult.crm.support.ChildServer;
import com.educonsult.crm.support.FakeMail;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The server process is killed (SIGKILL) while a campaign of a few thousand emails is being handed over to the
 * outbox, started again on the same data, and left to finish: every recipient must have been handed over exactly
 * once (one communication each, none twice, none left out), and the fake mail server must receive one message per
 * recipient. A mail the killed server had handed to SMTP but not yet marked sent may arrive twice, always with the
 * same Message-ID (which mail clients show once): no recipient ever gets two different messages.
 */
class CampaignCrashRecoveryTests {

    private static final String PASSWORD = "Crash-Password-42";
    private static final int LEADS = 2_000;

    @TempDir
    Path dataDirectory;

    @Test
    void aServerKilledWhileACampaignSendsHandsEveryRecipientOverExactlyOnceAfterItStartsAgain() throws Exception {
        try (ChildServer server = new ChildServer(dataDirectory, "--crm.messaging.campaigns.max-batch=50",
                "--crm.rate-limits.enabled=false")) {
            server.start("first");
            ApiTest.Api api = server.api();
            String token = api.post("/api/v1/auth/register", null, Map.of("organization_name", "Campaign Crash",
                    "organization_slug", "campaign-crash", "first_name", "Ada", "email", "admin@campaign-crash.test",
                    "password", PASSWORD)).expect(201).data().get("access_token").asString();
            try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
                List<Future<?>> made = new ArrayList<>();
                for (int i = 0; i < LEADS; i++) {
                    int n = i;
                    made.add(clients.submit(() -> api.post("/api/v1/leads", token, Map.of("first_name", "Student" + n,
                            "phone", "+9197" + String.format("%08d", n), "email", address(n), "tags", List.of("crash"),
                            "allow_duplicate", true)).expect(201)));
                }
                for (Future<?> f : made) {
                    f.get();
                }
            }
            api.post("/api/v1/admin/integrations/email/connect", token, Map.of("credentials", Map.of("host",
                    "localhost", "port", String.valueOf(FakeMail.smtpPort()), "security", "none", "from_address",
                    "admissions@campaign-crash.test", "username", "admissions", "password", "secret"))).expect(200);
            String template = api.post("/api/v1/templates/messages", token, Map.of("name", "Crash", "is_email", true,
                    "subject", "Your intake", "content", "Hi {{first_name}}, your intake opens soon.")).expect(201)
                    .data().get("id").asString();
            String id = api.post("/api/v1/campaigns", token, Map.of("name", "Crash", "channel", "email",
                    "template_id", template, "audience", Map.of("tags", "crash"), "throttle_per_minute", 3000))
                    .expect(201).data().get("id").asString();
            assertThat(api.post("/api/v1/campaigns/" + id + "/launch", token, Map.of()).expect(200).data()
                    .get("recipients").asInt()).isEqualTo(LEADS);

            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            int queued = 0;
            while (Instant.now().isBefore(deadline) && (queued = queued(api, token, id)) == 0) {
                Thread.sleep(20);
            }
            server.kill();
            assertThat(queued).as("the kill came in the middle of the sending").isBetween(1, LEADS - 1);

            server.start("second");
            String again = api.post("/api/v1/auth/login", null, Map.of("email", "admin@campaign-crash.test",
                    "password", PASSWORD, "organization_slug", "campaign-crash")).expect(200).data()
                    .get("access_token").asString();
            deadline = Instant.now().plus(Duration.ofSeconds(240));
            JsonNode campaign = null;
            while (Instant.now().isBefore(deadline)) {
                campaign = api.get("/api/v1/campaigns/" + id, again).expect(200).data();
                if (campaign.get("status").asString().equals("completed")) {
                    break;
                }
                Thread.sleep(250);
            }
            assertThat(campaign.get("status").asString()).isEqualTo("completed");
            assertThat(campaign.get("queued").asInt()).isEqualTo(LEADS);

            Set<String> communications = new HashSet<>();
            Set<String> leads = new HashSet<>();
            for (int offset = 0; offset < LEADS; offset += 200) {
                for (JsonNode recipient : api.get("/api/v1/campaigns/" + id + "/recipients?limit=200&offset="
                        + offset, again).expect(200).data()) {
                    assertThat(recipient.get("status").asString()).isNotIn("pending", "excluded", "cancelled");
                    assertThat(communications.add(recipient.get("communication_id").asString()))
                            .as("one communication per recipient").isTrue();
                    leads.add(recipient.get("lead_id").asString());
                }
            }
            assertThat(communications).hasSize(LEADS);
            assertThat(leads).hasSize(LEADS);
            JsonNode stats = api.get("/api/v1/campaigns/" + id + "/stats", again).expect(200).data();
            assertThat(stats.get("queued").asLong()).isEqualTo(LEADS);
            assertThat(stats.get("pending").asLong()).isZero();

            Map<String, Set<String>> messageIds = awaitMails(Instant.now().plus(Duration.ofSeconds(240)));
            assertThat(messageIds).as("recipients the mail server heard from").hasSize(LEADS);
            assertThat(messageIds.values()).as("one message per recipient").allSatisfy(ids -> assertThat(ids).hasSize(1));
        }
    }

    private static String address(int n) {
        return "student" + n + "@campaign-crash.test";
    }

    /** The Message-IDs the fake mail server received per recipient of the campaign, once it heard from all. */
    private static Map<String, Set<String>> awaitMails(Instant deadline) throws Exception {
        Map<String, Set<String>> messageIds = new HashMap<>();
        while (Instant.now().isBefore(deadline)) {
            messageIds.clear();
            for (MimeMessage mail : FakeMail.server().getReceivedMessages()) {
                String to = mail.getRecipients(Message.RecipientType.TO)[0].toString();
                if (to.endsWith("@campaign-crash.test")) {
                    messageIds.computeIfAbsent(to, any -> new HashSet<>()).add(mail.getMessageID());
                }
            }
            if (messageIds.size() >= LEADS) {
                return messageIds;
            }
            Thread.sleep(250);
        }
        return messageIds;
    }

    private static int queued(ApiTest.Api api, String token, String id) {
        return api.get("/api/v1/campaigns/" + id, token).expect(200).data().get("queued").asInt();
    }
}
