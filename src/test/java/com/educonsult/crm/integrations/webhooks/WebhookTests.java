package com.educonsult.crm.integrations.webhooks;

import static com.educonsult.crm.jooq.Tables.RECORDED_MESSAGES;
import static com.educonsult.crm.jooq.Tables.WEBHOOK_DELIVERIES;
import static com.educonsult.crm.jooq.Tables.WEBHOOK_ENDPOINTS;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.educonsult.crm.jooq.tables.records.WebhookDeliveriesRecord;
import com.educonsult.crm.calls.CallLogged;
import com.educonsult.crm.calls.CallsLogged;
import com.educonsult.crm.calls.RecordingUploaded;
import com.educonsult.crm.leads.LeadEvents;
import com.educonsult.crm.support.ApiTest;
import com.educonsult.crm.support.FakeProviders;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

class WebhookTests extends ApiTest {

    private static final String WEBHOOKS = "/api/v1/admin/integrations/webhooks";

    @Autowired
    private DeliverySender sender;

    @Autowired
    private ApplicationEventPublisher events;

    /** A receiver path of this test's own on the fake server, answering the given status. */
    private static String receiver(int status) {
        String path = "/hooks/" + UUID.randomUUID();
        answer(path, status);
        return path;
    }

    private static void answer(String path, int status) {
        FakeProviders.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "text/plain").withBody(status >= 400 ? "receiver broken" : "ok")));
    }

    private static List<LoggedRequest> received(String path) {
        return FakeProviders.server().findAll(postRequestedFor(urlEqualTo(path)));
    }

    private record Hook(String id, String secret, String path) {
    }

    private Hook webhook(Org org, String path, List<String> eventTypes) {
        JsonNode data = api.post(WEBHOOKS, org.adminToken(), Map.of("url", FakeProviders.baseUrl() + path,
                "events", eventTypes, "description", "Our warehouse")).expect(201).data();
        return new Hook(data.get("webhook").get("id").asString(), data.get("secret").asString(), path);
    }

    private String lead(Org org, String name) {
        return api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", name,
                "phone", "98765" + (10000 + (int) (Math.random() * 89999)))).expect(201).data().get("id").asString();
    }

    private List<WebhookDeliveriesRecord> deliveries(Org org, String webhookId) {
        return tenancy.callAs(org.id(), () -> db.selectFrom(WEBHOOK_DELIVERIES)
                .where(WEBHOOK_DELIVERIES.ENDPOINT_ID.eq(UUID.fromString(webhookId)))
                .orderBy(WEBHOOK_DELIVERIES.CREATED_AT, WEBHOOK_DELIVERIES.ID).fetch());
    }

    /** Sends the organization's due deliveries until they satisfy the condition (the job may send them too). */
    private List<WebhookDeliveriesRecord> sendUntil(Org org, String webhookId,
            Predicate<List<WebhookDeliveriesRecord>> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            sender.sendDue(org.id());
            List<WebhookDeliveriesRecord> now = deliveries(org, webhookId);
            if (condition.test(now)) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The deliveries never got there: " + now);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static Predicate<List<WebhookDeliveriesRecord>> all(String status) {
        return list -> !list.isEmpty() && list.stream().allMatch(d -> d.getStatus().equals(status));
    }

    /** Makes the delivery due now, as if its backoff had passed. */
    private void due(Org org, WebhookDeliveriesRecord delivery) {
        tenancy.runAs(org.id(), () -> db.update(WEBHOOK_DELIVERIES)
                .set(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, OffsetDateTime.now())
                .where(WEBHOOK_DELIVERIES.ID.eq(delivery.getId())).execute());
        tenancy.runAs(org.id(), () -> db.execute("select webhook_delivery_reschedule()"));
    }

    @Test
    void aWebhookIsCreatedWithItsSecretShownOnceThenListedChangedAndDeleted() {
        Org org = registerOrganization();
        String path = receiver(200);

        var created = api.post(WEBHOOKS, org.adminToken(), Map.of("url", FakeProviders.baseUrl() + path,
                "events", List.of("lead.status_changed", "lead.created", "lead.created"))).expect(201).data();

        String id = created.get("webhook").get("id").asString();
        String secret = created.get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(created.get("webhook").get("events").toString())
                .isEqualTo("[\"lead.created\",\"lead.status_changed\"]");
        assertThat(created.get("webhook").get("status").asString()).isEqualTo("active");
        var listed = api.get(WEBHOOKS, org.adminToken()).expect(200);
        assertThat(listed.data()).hasSize(1);
        assertThat(listed.raw()).doesNotContain(secret);
        assertThat(api.get(WEBHOOKS + "/" + id, org.adminToken()).expect(200).raw()).doesNotContain(secret);
        String stored = tenancy.callAs(org.id(), () -> db.select(WEBHOOK_ENDPOINTS.SECRET).from(WEBHOOK_ENDPOINTS)
                .where(WEBHOOK_ENDPOINTS.ID.eq(UUID.fromString(id))).fetchOne(WEBHOOK_ENDPOINTS.SECRET));
        assertThat(stored).doesNotContain(secret.substring(6));

        var patched = api.patch(WEBHOOKS + "/" + id, org.adminToken(), Map.of("events", List.of("note.created"),
                "description", "CRM mirror", "active", false)).expect(200).data();
        assertThat(patched.get("events").toString()).isEqualTo("[\"note.created\"]");
        assertThat(patched.get("description").asString()).isEqualTo("CRM mirror");
        assertThat(patched.get("status").asString()).isEqualTo("inactive");
        assertThat(patched.get("url").asString()).isEqualTo(FakeProviders.baseUrl() + path);
        Map<String, Object> clear = new HashMap<>();
        clear.put("description", null);
        var cleared = api.patch(WEBHOOKS + "/" + id, org.adminToken(), clear).expect(200).data();
        assertThat(cleared.get("description").isNull()).isTrue();
        assertThat(cleared.get("events").toString()).isEqualTo("[\"note.created\"]");

        String rotated = api.post(WEBHOOKS + "/" + id + "/rotate-secret", org.adminToken(), Map.of()).expect(200)
                .data().get("secret").asString();
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);

        api.delete(WEBHOOKS + "/" + id, org.adminToken()).expect(200);
        api.get(WEBHOOKS + "/" + id, org.adminToken()).expect(404);
        api.delete(WEBHOOKS + "/" + id, org.adminToken()).expect(404);
    }

    @Test
    void unknownEventsAndPrivateOrPlainHttpTargetsAreRefusedNamingTheField() {
        Org org = registerOrganization();
        String url = FakeProviders.baseUrl() + receiver(200);

        assertThat(api.post(WEBHOOKS, org.adminToken(), Map.of("url", url, "events", List.of("lead.exploded")))
                .expect(422).errorField()).isEqualTo("events");
        assertThat(api.post(WEBHOOKS, org.adminToken(), Map.of("url", url, "events", List.of())).expect(422)
                .errorField()).isEqualTo("events");
        for (String refused : List.of("http://10.1.2.3/hooks", "https://10.1.2.3/hooks", "https://169.254.169.254/x",
                "https://[fd00::1]/hooks", "ftp://example.com/hooks", "not a url", "http://8.8.8.8/hooks")) {
            assertThat(api.post(WEBHOOKS, org.adminToken(), Map.of("url", refused, "events", List.of("lead.created")))
                    .expect(422).errorField()).as(refused).isEqualTo("url");
        }
        String id = webhook(org, receiver(200), List.of("lead.created")).id();
        assertThat(api.patch(WEBHOOKS + "/" + id, org.adminToken(), Map.of("url", "https://192.168.0.10/x"))
                .expect(422).errorField()).isEqualTo("url");
        Map<String, Object> nullEvents = new HashMap<>();
        nullEvents.put("events", null);
        assertThat(api.patch(WEBHOOKS + "/" + id, org.adminToken(), nullEvents).expect(422).errorField())
                .isEqualTo("events");
        assertThat(api.post(WEBHOOKS, org.adminToken(), Map.of("url", url, "events", List.of("lead.created"),
                "secret", "mine")).expect(422).errorField()).isEqualTo("secret");
    }

    @Test
    void anotherOrganizationsWebhookIsNotFound() {
        Org owner = registerOrganization();
        Org other = registerOrganization();
        Hook hook = webhook(owner, receiver(200), List.of("lead.created"));
        String path = WEBHOOKS + "/" + hook.id();

        api.get(path, other.adminToken()).expect(404);
        api.patch(path, other.adminToken(), Map.of("active", false)).expect(404);
        api.delete(path, other.adminToken()).expect(404);
        api.get(path + "/deliveries", other.adminToken()).expect(404);
        api.post(path + "/test", other.adminToken(), Map.of()).expect(404);
        api.post(path + "/rotate-secret", other.adminToken(), Map.of()).expect(404);
        api.post(path + "/replay-failed", other.adminToken(), Map.of()).expect(404);
        assertThat(api.get(WEBHOOKS, other.adminToken()).expect(200).data()).isEmpty();
        api.get(path, owner.adminToken()).expect(200);
    }

    @Test
    void onlyWhoMayManageSettingsSeesWebhooks() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");

        api.get(WEBHOOKS, counselor.token()).expect(403);
        api.post(WEBHOOKS, counselor.token(), Map.of("url", FakeProviders.baseUrl() + receiver(200),
                "events", List.of("lead.created"))).expect(403);
    }

    @Test
    void aNewLeadIsDeliveredSignedAsStandardWebhooksSays() throws Exception {
        Org org = registerOrganization();
        Hook hook = webhook(org, receiver(200), List.of("lead.created"));
        webhook(org, receiver(200), List.of("note.created"));

        String leadId = lead(org, "Meera");

        assertThat(deliveries(org, hook.id())).hasSize(1);
        sendUntil(org, hook.id(), all("succeeded"));
        List<LoggedRequest> requests = received(hook.path());
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.getFirst();
        String id = request.getHeader("webhook-id");
        String timestamp = request.getHeader("webhook-timestamp");
        String body = request.getBodyAsString();
        assertThat(id).isEqualTo(deliveries(org, hook.id()).getFirst().getId().toString());
        assertThat(Long.parseLong(timestamp)).isCloseTo(System.currentTimeMillis() / 1000,
                within(300L));
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(verifies(hook.secret(), id, timestamp, body, request.getHeader("webhook-signature"))).isTrue();
        assertThat(verifies(hook.secret(), id, timestamp, body + " ", request.getHeader("webhook-signature")))
                .isFalse();
        JsonNode payload = JSON.readTree(body);
        assertThat(payload.get("type").asString()).isEqualTo("lead.created");
        assertThat(payload.get("timestamp").asString()).isNotBlank();
        assertThat(payload.get("data").get("id").asString()).isEqualTo(leadId);
        assertThat(payload.get("data").get("first_name").asString()).isEqualTo("Meera");
        var logged = api.get("/api/v1/integration-logs?type=webhooks", org.adminToken()).expect(200).data();
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).get("http_status").asInt()).isEqualTo(200);
        assertThat(logged.get(0).get("direction").asString()).isEqualTo("outbound");
    }

    /** What a receiver does, from the specification: sign "id.timestamp.body" with the secret's bytes, compare. */
    private static boolean verifies(String secret, String id, String timestamp, String body, String header)
            throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        for (String signature : header.split(" ")) {
            String[] parts = signature.split(",", 2);
            if (parts[0].equals("v1") && java.security.MessageDigest.isEqual(expected,
                    Base64.getDecoder().decode(parts[1]))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aRolledBackChangeLeavesNoDelivery() {
        Org org = registerOrganization();
        Hook hook = webhook(org, receiver(200), List.of("lead.updated"));
        UUID leadId = UUID.fromString(lead(org, "Kabir"));

        assertThatThrownBy(() -> tenancy.runAs(org.id(), () -> {
            events.publishEvent(new LeadEvents.LeadUpdated(org.id(), leadId, org.adminId()));
            assertThat(db.fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.ENDPOINT_ID.eq(UUID.fromString(hook.id()))))
                    .as("the delivery is written in the change's transaction").isEqualTo(1);
            throw new IllegalStateException("the change fails");
        })).hasMessage("the change fails");

        assertThat(deliveries(org, hook.id())).isEmpty();
        api.patch("/api/v1/leads/" + leadId, org.adminToken(), Map.of("city", "Pune")).expect(200);
        assertThat(deliveries(org, hook.id())).hasSize(1);
    }

    @Test
    void notesAndTasksAreDeliveredWhenCreatedAndCompleted() {
        Org org = registerOrganization();
        Hook hook = webhook(org, receiver(200), List.of("note.created", "task.created", "task.completed"));
        String leadId = lead(org, "Isha");

        api.post("/api/v1/leads/" + leadId + "/notes", org.adminToken(), Map.of("content", "Wants Canada"))
                .expect(201);
        String taskId = api.post("/api/v1/tasks", org.adminToken(), Map.of("lead_id", leadId, "title", "Call back"))
                .expect(201).data().get("id").asString();
        api.patch("/api/v1/tasks/" + taskId, org.adminToken(), Map.of("status", "completed")).expect(200);

        List<WebhookDeliveriesRecord> sent = deliveries(org, hook.id());
        assertThat(sent).extracting(WebhookDeliveriesRecord::getEventType)
                .containsExactly("note.created", "task.created", "task.completed");
        JsonNode note = JSON.readTree(sent.get(0).getPayload()).get("data");
        assertThat(note.get("lead_id").asString()).isEqualTo(leadId);
        assertThat(note.get("content").asString()).isEqualTo("Wants Canada");
        assertThat(JSON.readTree(sent.get(2).getPayload()).get("data").get("id").asString()).isEqualTo(taskId);
    }

    @Test
    void syncedCallsAreDeliveredOnePerCallAndUploadedRecordingsToo() {
        Org org = registerOrganization();
        Hook hook = webhook(org, receiver(200), List.of("call.synced", "recording.uploaded"));
        UUID leadId = UUID.fromString(lead(org, "Sana"));
        OffsetDateTime at = OffsetDateTime.now();
        UUID firstCall = UUID.randomUUID();

        tenancy.runAs(org.id(), () -> {
            events.publishEvent(new CallsLogged(org.id(), org.adminId(), List.of(
                    new CallLogged(org.id(), firstCall, leadId, org.adminId(), "outgoing", 95, at),
                    new CallLogged(org.id(), UUID.randomUUID(), leadId, org.adminId(), "missed", 0, at))));
            events.publishEvent(new RecordingUploaded(org.id(), UUID.randomUUID(), firstCall, leadId, org.adminId(),
                    95, 120_000L, "m4a", at));
        });

        List<WebhookDeliveriesRecord> written = deliveries(org, hook.id());
        assertThat(written).extracting(WebhookDeliveriesRecord::getEventType)
                .containsExactlyInAnyOrder("call.synced", "call.synced", "recording.uploaded");
        JsonNode call = written.stream().filter(d -> d.getPayload().contains(firstCall.toString())
                && d.getEventType().equals("call.synced")).map(d -> JSON.readTree(d.getPayload()).get("data"))
                .findFirst().orElseThrow();
        assertThat(call.get("direction").asString()).isEqualTo("outbound");
        assertThat(call.get("duration_seconds").asInt()).isEqualTo(95);
        assertThat(call.get("lead_id").asString()).isEqualTo(leadId.toString());
    }

    @Test
    void aFailedDeliveryIsRetriedWithBackoffThenSucceeds() {
        Org org = registerOrganization();
        String path = receiver(500);
        Hook hook = webhook(org, path, List.of("lead.created"));
        lead(org, "Arjun");

        WebhookDeliveriesRecord failed = sendUntil(org, hook.id(), all("failed")).getFirst();

        assertThat(failed.getAttempts()).isEqualTo(1);
        assertThat(failed.getLastStatusCode()).isEqualTo(500);
        assertThat(failed.getLastResponse()).isEqualTo("receiver broken");
        Duration backoff = Duration.between(failed.getLastAttemptAt(), failed.getNextAttemptAt());
        assertThat(backoff).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36));
        assertThat(api.get(WEBHOOKS + "/" + hook.id(), org.adminToken()).expect(200).data().get("status")
                .asString()).isEqualTo("failing");

        answer(path, 200);
        due(org, failed);
        WebhookDeliveriesRecord succeeded = sendUntil(org, hook.id(), all("succeeded")).getFirst();

        assertThat(succeeded.getAttempts()).isEqualTo(2);
        assertThat(succeeded.getNextAttemptAt()).isNull();
        assertThat(received(path)).hasSize(2);
        assertThat(received(path).get(0).getHeader("webhook-id")).isEqualTo(received(path).get(1).getHeader("webhook-id"));
        assertThat(api.get(WEBHOOKS + "/" + hook.id(), org.adminToken()).expect(200).data().get("status")
                .asString()).isEqualTo("active");
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAFailure() {
        Org org = registerOrganization();
        String target = receiver(200);
        String path = "/hooks/" + UUID.randomUUID();
        FakeProviders.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", FakeProviders.baseUrl() + target)));
        Hook hook = webhook(org, path, List.of("lead.created"));
        lead(org, "Dev");

        WebhookDeliveriesRecord failed = sendUntil(org, hook.id(), all("failed")).getFirst();

        assertThat(failed.getLastStatusCode()).isEqualTo(302);
        assertThat(failed.getLastError()).contains("redirect");
        assertThat(received(target)).isEmpty();
    }

    @Test
    void aTargetThatNowPointsAtAPrivateAddressIsRefusedAtSendTime() {
        Org org = registerOrganization();
        Hook hook = webhook(org, receiver(200), List.of("lead.created"));
        tenancy.runAs(org.id(), () -> db.update(WEBHOOK_ENDPOINTS)
                .set(WEBHOOK_ENDPOINTS.URL, "https://10.20.30.40/hooks")
                .where(WEBHOOK_ENDPOINTS.ID.eq(UUID.fromString(hook.id()))).execute());
        lead(org, "Ira");

        WebhookDeliveriesRecord refused = sendUntil(org, hook.id(), all("failed")).getFirst();

        assertThat(refused.getLastError()).startsWith("Refused").contains("10.20.30.40");
        assertThat(refused.getLastStatusCode()).isNull();
        assertThat(received(hook.path())).isEmpty();
    }

    @Test
    void theWaitingDeliveriesOfADeactivatedWebhookAreNotSent() {
        Org org = registerOrganization();
        Hook hook = webhook(org, receiver(200), List.of("lead.created"));
        api.patch(WEBHOOKS + "/" + hook.id(), org.adminToken(), Map.of("active", false)).expect(200);
        lead(org, "Pari");
        assertThat(deliveries(org, hook.id())).as("a deactivated webhook gets no new delivery").isEmpty();
        // one written just before the webhook was deactivated
        tenancy.runAs(org.id(), () -> db.insertInto(WEBHOOK_DELIVERIES)
                .set(WEBHOOK_DELIVERIES.ORGANIZATION_ID, org.id())
                .set(WEBHOOK_DELIVERIES.ID, UUID.randomUUID())
                .set(WEBHOOK_DELIVERIES.ENDPOINT_ID, UUID.fromString(hook.id()))
                .set(WEBHOOK_DELIVERIES.EVENT_TYPE, "lead.created")
                .set(WEBHOOK_DELIVERIES.PAYLOAD, "{\"type\":\"lead.created\",\"data\":{}}")
                .set(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, OffsetDateTime.now())
                .execute());

        WebhookDeliveriesRecord dead = sendUntil(org, hook.id(), all("dead")).getFirst();

        assertThat(dead.getLastError()).contains("deactivated");
        assertThat(dead.getAttempts()).isZero();
        assertThat(received(hook.path())).isEmpty();
        assertThat(api.post(WEBHOOKS + "/" + hook.id() + "/deliveries/" + dead.getId() + "/replay",
                org.adminToken(), Map.of()).expect(422).errorField()).isEqualTo("active");
    }

    @Test
    void aDeliveryStillFailingAfterTheRetryWindowIsDead() {
        Org org = registerOrganization();
        Hook hook = webhook(org, receiver(503), List.of("lead.created"));
        lead(org, "Tara");
        tenancy.runAs(org.id(), () -> db.update(WEBHOOK_DELIVERIES)
                .set(WEBHOOK_DELIVERIES.CREATED_AT, OffsetDateTime.now().minusDays(3).plusSeconds(10))
                .where(WEBHOOK_DELIVERIES.ENDPOINT_ID.eq(UUID.fromString(hook.id()))).execute());

        WebhookDeliveriesRecord dead = sendUntil(org, hook.id(), all("dead")).getFirst();

        assertThat(dead.getAttempts()).isEqualTo(1);
        assertThat(dead.getNextAttemptAt()).isNull();
        assertThat(dead.getLastStatusCode()).isEqualTo(503);
    }

    @Test
    void anEndpointFailingForADayIsDisabledAndTheAdminsAreEmailed() {
        Org org = registerOrganization();
        Hook hook = webhook(org, receiver(500), List.of("lead.created"));
        tenancy.runAs(org.id(), () -> db.update(WEBHOOK_ENDPOINTS)
                .set(WEBHOOK_ENDPOINTS.CONSECUTIVE_FAILURES, 9)
                .set(WEBHOOK_ENDPOINTS.FAILING_SINCE, OffsetDateTime.now().minusHours(25))
                .where(WEBHOOK_ENDPOINTS.ID.eq(UUID.fromString(hook.id()))).execute());
        lead(org, "Nisha");

        sendUntil(org, hook.id(), all("failed"));

        JsonNode webhook = api.get(WEBHOOKS + "/" + hook.id(), org.adminToken()).expect(200).data();
        assertThat(webhook.get("active").asBoolean()).isFalse();
        assertThat(webhook.get("status").asString()).isEqualTo("disabled");
        assertThat(webhook.get("disabled_reason").asString()).contains("10 attempts");
        var emails = db.selectFrom(RECORDED_MESSAGES).where(RECORDED_MESSAGES.FOR_ORGANIZATION.eq(org.id()),
                RECORDED_MESSAGES.CHANNEL.eq("email"), RECORDED_MESSAGES.SUBJECT.contains("webhook was disabled"))
                .fetch();
        assertThat(emails).extracting(m -> m.getRecipient()).containsExactly(org.adminEmail());
        lead(org, "Rhea");
        assertThat(deliveries(org, hook.id())).as("a disabled webhook gets no new deliveries").hasSize(1);

        var reactivated = api.patch(WEBHOOKS + "/" + hook.id(), org.adminToken(), Map.of("active", true))
                .expect(200).data();
        assertThat(reactivated.get("status").asString()).isEqualTo("active");
        assertThat(reactivated.get("consecutive_failures").asInt()).isZero();
    }

    @Test
    void oneDeliveryOrAllFailedOnesAreReplayedOnceTheReceiverIsFixed() {
        Org org = registerOrganization();
        String path = receiver(500);
        Hook hook = webhook(org, path, List.of("lead.created"));
        lead(org, "Om");
        lead(org, "Zoya");
        lead(org, "Veer");
        List<WebhookDeliveriesRecord> failed = sendUntil(org, hook.id(), all("failed").and(l -> l.size() == 3));
        answer(path, 200);

        String one = failed.getFirst().getId().toString();
        JsonNode replayed = api.post(WEBHOOKS + "/" + hook.id() + "/deliveries/" + one + "/replay",
                org.adminToken(), Map.of()).expect(200).data();
        assertThat(replayed.get("status").asString()).isEqualTo("succeeded");
        assertThat(replayed.get("attempts").asInt()).isEqualTo(2);
        assertThat(replayed.get("payload").get("type").asString()).isEqualTo("lead.created");

        var log = api.get(WEBHOOKS + "/" + hook.id() + "/deliveries?status=failed", org.adminToken()).expect(200);
        assertThat(log.data()).hasSize(2);
        int queued = api.post(WEBHOOKS + "/" + hook.id() + "/replay-failed", org.adminToken(), Map.of()).expect(200)
                .data().get("queued").asInt();
        assertThat(queued).isEqualTo(2);
        sendUntil(org, hook.id(), all("succeeded"));

        var detail = api.get(WEBHOOKS + "/" + hook.id() + "/deliveries/" + one, org.adminToken()).expect(200).data();
        assertThat(detail.get("last_status_code").asInt()).isEqualTo(200);
        assertThat(detail.get("last_response").asString()).isEqualTo("ok");
        api.get(WEBHOOKS + "/" + hook.id() + "/deliveries/" + UUID.randomUUID(), org.adminToken()).expect(404);
        api.get(WEBHOOKS + "/" + hook.id() + "/deliveries?status=lost", org.adminToken()).expect(422);
    }

    @Test
    void oldDeliveredAndDeadDeliveriesArePurgedButFailedOnesKept() {
        Org org = registerOrganization();
        Hook hook = webhook(org, receiver(200), List.of("lead.created"));
        lead(org, "Ayaan");
        lead(org, "Mira");
        lead(org, "Kiran");
        List<WebhookDeliveriesRecord> sent = sendUntil(org, hook.id(), all("succeeded").and(l -> l.size() == 3));
        tenancy.runAs(org.id(), () -> {
            db.update(WEBHOOK_DELIVERIES).set(WEBHOOK_DELIVERIES.CREATED_AT, OffsetDateTime.now().minusDays(40))
                    .where(WEBHOOK_DELIVERIES.ENDPOINT_ID.eq(UUID.fromString(hook.id()))).execute();
            db.update(WEBHOOK_DELIVERIES).set(WEBHOOK_DELIVERIES.STATUS, "failed")
                    .set(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, OffsetDateTime.now().plusHours(1))
                    .where(WEBHOOK_DELIVERIES.ID.eq(sent.get(0).getId())).execute();
            db.update(WEBHOOK_DELIVERIES).set(WEBHOOK_DELIVERIES.STATUS, "dead")
                    .where(WEBHOOK_DELIVERIES.ID.eq(sent.get(1).getId())).execute();
        });

        WebhookJobs.purge(List.of(org.id()), tenancy, db, OffsetDateTime.now().minusDays(30));

        assertThat(deliveries(org, hook.id())).extracting(WebhookDeliveriesRecord::getId)
                .containsExactly(sent.get(0).getId());
    }

    @Test
    void aTestEventIsSentAtOnce() {
        Org org = registerOrganization();
        Hook hook = webhook(org, receiver(200), List.of("lead.created"));

        JsonNode sent = api.post(WEBHOOKS + "/" + hook.id() + "/test", org.adminToken(), Map.of()).expect(200).data();

        assertThat(sent.get("status").asString()).isEqualTo("succeeded");
        assertThat(sent.get("event_type").asString()).isEqualTo("webhook.ping");
        assertThat(received(hook.path())).hasSize(1);
        assertThat(JSON.readTree(received(hook.path()).getFirst().getBodyAsString()).get("type").asString())
                .isEqualTo("webhook.ping");
    }
}
