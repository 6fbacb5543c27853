package com.educonsult.crm.notifications.push;

import static com.educonsult.crm.jooq.Tables.NOTIFICATION_DELIVERIES;
import static com.educonsult.crm.jooq.Tables.RECORDED_MESSAGES;
import static com.educonsult.crm.jooq.Tables.USERS;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.jooq.tables.records.NotificationDeliveriesRecord;
import com.educonsult.crm.support.ApiTest;
import com.educonsult.crm.support.FakeProviders;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Pushes through FCM HTTP v1 against the fake server, the recording default, emails and quiet hours. */
class PushDeliveryTests extends ApiTest {

    @Autowired
    NotificationSender sender;

    /** A service account of a project of its own, with a key made for the test, whose token endpoint is fake. */
    record Account(String projectId, String json, RSAPublicKey publicKey, String tokenPath, String sendPath) {
    }

    private Account account() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        String project = unique("project");
        String tokenPath = "/oauth-" + project + "/token";
        Map<String, String> account = new HashMap<>();
        account.put("type", "service_account");
        account.put("project_id", project);
        account.put("private_key_id", "key-1");
        account.put("private_key", pem);
        account.put("client_email", "push@" + project + ".iam.gserviceaccount.com");
        account.put("token_uri", FakeProviders.baseUrl() + tokenPath);
        return new Account(project, JSON.writeValueAsString(account), (RSAPublicKey) keys.getPublic(), tokenPath,
                "/fcm/v1/projects/" + project + "/messages:send");
    }

    private void connectPush(Org org, Account account) {
        api.post("/api/v1/admin/integrations/push/connect", org.adminToken(),
                Map.of("credentials", Map.of("service_account", account.json()))).expect(200);
        FakeProviders.server().stubFor(post(urlEqualTo(account.tokenPath())).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"ya29.test-" + account.projectId()
                        + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
    }

    private void fcmAnswers(Account account, int status, String body, String retryAfter) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
        if (retryAfter != null) {
            response = response.withHeader("Retry-After", retryAfter);
        }
        FakeProviders.server().stubFor(post(urlEqualTo(account.sendPath())).willReturn(response));
    }

    private void registerPhone(TestUser user, String token) {
        api.post("/api/v1/employee/updateFCM", user.token(), Map.of("fcmToken", token)).expect(200);
    }

    private UUID notify(Org org, TestUser user, String title) {
        return UUID.fromString(api.post("/api/v1/notifications", org.adminToken(), Map.of("user_id",
                user.id().toString(), "title", title, "body", "Call before noon", "priority", "high",
                "action_url", "/follow-ups")).expect(201).data().get("id").asString());
    }

    private List<NotificationDeliveriesRecord> deliveries(Org org, String channel) {
        return tenancy.callAs(org.id(), () -> db.selectFrom(NOTIFICATION_DELIVERIES)
                .where(NOTIFICATION_DELIVERIES.ORGANIZATION_ID.eq(org.id()),
                        NOTIFICATION_DELIVERIES.CHANNEL.eq(channel))
                .orderBy(NOTIFICATION_DELIVERIES.CREATED_AT).fetch());
    }

    private String tokenOf(Org org, UUID userId) {
        return tenancy.callAs(org.id(), () -> db.select(USERS.FCM_TOKEN).from(USERS)
                .where(USERS.ORGANIZATION_ID.eq(org.id()), USERS.ID.eq(userId)).fetchOne(USERS.FCM_TOKEN));
    }

    @Test
    void pushesGoThroughFcmWithOneAccessTokenForSeveralMessagesAndStringData() throws Exception {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        Account account = account();
        connectPush(org, account);
        fcmAnswers(account, 200, "{\"name\":\"projects/" + account.projectId() + "/messages/1\"}", null);
        registerPhone(counselor, "device-token-" + account.projectId());

        notify(org, counselor, "First");
        notify(org, counselor, "Second");
        UUID third = notify(org, counselor, "Third");
        sender.sendDue(org.id());

        assertThat(deliveries(org, "push")).hasSize(3).allSatisfy(d -> assertThat(d.getStatus()).isEqualTo("sent"));
        List<LoggedRequest> tokenRequests = FakeProviders.server().findAll(postRequestedFor(
                urlEqualTo(account.tokenPath())));
        assertThat(tokenRequests).hasSize(1);
        Map<String, String> form = form(tokenRequests.getFirst().getBodyAsString());
        assertThat(form.get("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
        SignedJWT assertion = SignedJWT.parse(form.get("assertion"));
        assertThat(assertion.verify(new RSASSAVerifier(account.publicKey()))).isTrue();
        assertThat(assertion.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(assertion.getJWTClaimsSet().getIssuer()).startsWith("push@");
        assertThat(assertion.getJWTClaimsSet().getAudience()).containsExactly(FakeProviders.baseUrl()
                + account.tokenPath());
        assertThat(assertion.getJWTClaimsSet().getStringClaim("scope"))
                .isEqualTo("https://www.googleapis.com/auth/firebase.messaging");

        List<LoggedRequest> sends = FakeProviders.server().findAll(postRequestedFor(urlEqualTo(account.sendPath())));
        assertThat(sends).hasSize(3);
        assertThat(sends).allSatisfy(s -> assertThat(s.getHeader("Authorization"))
                .isEqualTo("Bearer ya29.test-" + account.projectId()));
        JsonNode message = sends.stream().map(s -> JSON.readTree(s.getBodyAsString()).get("message"))
                .filter(m -> m.get("notification").get("title").asString().equals("Third")).findFirst().orElseThrow();
        assertThat(message.get("token").asString()).isEqualTo("device-token-" + account.projectId());
        assertThat(message.get("notification").get("body").asString()).isEqualTo("Call before noon");
        JsonNode data = message.get("data");
        assertThat(data.get("notification_id").asString()).isEqualTo(third.toString());
        assertThat(data.get("kind").asString()).isEqualTo("announcement");
        assertThat(data.get("action_url").asString()).isEqualTo("/follow-ups");
        data.properties().forEach(field -> assertThat(field.getValue().isString())
                .as("data value %s is a string", field.getKey()).isTrue());
        assertThat(message.get("android").get("priority").asString()).isEqualTo("high");
    }

    @Test
    void anUnregisteredTokenIsRemoved() throws Exception {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        Account account = account();
        connectPush(org, account);
        fcmAnswers(account, 404, """
                {"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND",
                 "details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"UNREGISTERED"}]}}
                """, null);
        registerPhone(counselor, "stale-token-" + account.projectId());

        notify(org, counselor, "Anyone there?");
        sender.sendDue(org.id());

        assertThat(tokenOf(org, counselor.id())).isNull();
        NotificationDeliveriesRecord delivery = deliveries(org, "push").getFirst();
        assertThat(delivery.getStatus()).isEqualTo("skipped");
        assertThat(delivery.getLastError()).contains("UNREGISTERED");
        // the next notification has no phone to go to
        notify(org, counselor, "Still there?");
        assertThat(deliveries(org, "push")).hasSize(1);
    }

    @Test
    void anInvalidRegistrationTokenIsRemovedToo() throws Exception {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        Account account = account();
        connectPush(org, account);
        fcmAnswers(account, 400, """
                {"error":{"code":400,"message":"The registration token is not a valid FCM registration token",
                 "status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError",
                 "errorCode":"INVALID_ARGUMENT"}]}}
                """, null);
        registerPhone(counselor, "garbled-" + account.projectId());

        notify(org, counselor, "Hello");
        sender.sendDue(org.id());

        assertThat(tokenOf(org, counselor.id())).isNull();
    }

    @Test
    void aFailingFcmIsRetriedHonouringRetryAfterThenTheDeliveryIsDead() throws Exception {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        Account account = account();
        connectPush(org, account);
        fcmAnswers(account, 503, "{\"error\":{\"code\":503,\"status\":\"UNAVAILABLE\"}}", "600");
        registerPhone(counselor, "device-" + account.projectId());
        notify(org, counselor, "Will it arrive?");
        UUID delivery = deliveries(org, "push").getFirst().getId();

        OffsetDateTime before = OffsetDateTime.now();
        sender.sendNow(org.id(), delivery);
        NotificationDeliveriesRecord failed = deliveries(org, "push").getFirst();
        assertThat(failed.getStatus()).isEqualTo("failed");
        assertThat(failed.getLastError()).contains("503");
        assertThat(failed.getNextAttemptAt()).isAfter(before.plusSeconds(590));
        // not due yet: a normal pass leaves it
        sender.sendDue(org.id());
        assertThat(deliveries(org, "push").getFirst().getAttempts()).isEqualTo(1);

        for (int i = 0; i < 10 && !"dead".equals(deliveries(org, "push").getFirst().getStatus()); i++) {
            sender.sendNow(org.id(), delivery);
        }
        NotificationDeliveriesRecord dead = deliveries(org, "push").getFirst();
        assertThat(dead.getStatus()).isEqualTo("dead");
        assertThat(dead.getAttempts()).isEqualTo(6);
        assertThat(dead.getNextAttemptAt()).isNull();
        assertThat(FakeProviders.server().findAll(postRequestedFor(urlEqualTo(account.sendPath())))).hasSize(6);
        assertThat(tokenOf(org, counselor.id())).isEqualTo("device-" + account.projectId());
    }

    @Test
    void anAdministratorSendsADeadPushAgain() throws Exception {
        Org org = registerOrganization();
        Org other = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        Account account = account();
        connectPush(org, account);
        fcmAnswers(account, 500, "{}", null);
        registerPhone(counselor, "retry-device-" + account.projectId());
        notify(org, counselor, "Second chance");
        UUID delivery = deliveries(org, "push").getFirst().getId();
        for (int i = 0; i < 10 && !"dead".equals(deliveries(org, "push").getFirst().getStatus()); i++) {
            sender.sendNow(org.id(), delivery);
        }

        JsonNode listed = api.get("/api/v1/notifications/deliveries?channel=push", org.adminToken()).expect(200)
                .data();
        assertThat(listed.get(0).get("status").asString()).isEqualTo("dead");
        assertThat(listed.get(0).get("title").asString()).isEqualTo("Second chance");
        api.get("/api/v1/notifications/deliveries", counselor.token()).expect(403);
        assertThat(api.get("/api/v1/notifications/deliveries?channel=sms", org.adminToken()).expect(422)
                .errorField()).isEqualTo("channel");
        api.post("/api/v1/notifications/deliveries/" + delivery + "/retry", other.adminToken(), "").expect(404);
        api.post("/api/v1/notifications/deliveries/" + delivery + "/retry", counselor.token(), "").expect(403);

        fcmAnswers(account, 200, "{\"name\":\"projects/p/messages/2\"}", null);
        JsonNode queued = api.post("/api/v1/notifications/deliveries/" + delivery + "/retry", org.adminToken(), "")
                .expect(200).data();
        assertThat(queued.get("status").asString()).isEqualTo("pending");
        sender.sendDue(org.id());

        assertThat(deliveries(org, "push").getFirst().getStatus()).isEqualTo("sent");
        assertThat(api.post("/api/v1/notifications/deliveries/" + delivery + "/retry", org.adminToken(), "")
                .expect(409).errorField()).isEqualTo("id");
    }

    @Test
    void withoutPushCredentialsThePushIsRecordedForAdministrators() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        registerPhone(counselor, "recorded-device-token-123456");

        notify(org, counselor, "Recorded push");
        sender.sendDue(org.id());

        NotificationDeliveriesRecord delivery = deliveries(org, "push").getFirst();
        assertThat(delivery.getStatus()).isEqualTo("recorded");
        assertThat(delivery.getPayload()).contains("Recorded push").contains("…123456")
                .doesNotContain("recorded-device-token");
    }

    @Test
    void quietHoursHoldPushesAndEmailsButNotTheInAppNotification() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        registerPhone(counselor, "quiet-phone-token");
        LocalTime local = LocalTime.now(ZoneId.of("Asia/Kolkata"));
        String start = String.format("%02d:%02d", local.minusHours(1).getHour(), local.minusHours(1).getMinute());
        String end = String.format("%02d:%02d", local.plusHours(2).getHour(), local.plusHours(2).getMinute());
        Map<String, Object> preferences = new HashMap<>();
        preferences.put("kinds", List.of(Map.of("kind", "announcement", "in_app", true, "push", true, "email", true)));
        preferences.put("quiet_hours", Map.of("start", start, "end", end));
        api.put("/api/v1/notifications/preferences", counselor.token(), preferences).expect(200);

        notify(org, counselor, "After the quiet");
        sender.sendDue(org.id());

        assertThat(api.get("/api/v1/notifications?unread=true", counselor.token()).expect(200).data()).hasSize(1);
        for (String channel : List.of("push", "email")) {
            NotificationDeliveriesRecord held = deliveries(org, channel).getFirst();
            assertThat(held.getStatus()).isEqualTo("pending");
            assertThat(held.getAttempts()).isZero();
            assertThat(held.getNextAttemptAt()).isAfter(OffsetDateTime.now().plusMinutes(100));
        }
    }

    @Test
    void anEmailGoesToTheUserWhoChoseEmail() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        api.put("/api/v1/notifications/preferences", counselor.token(), Map.of("kinds",
                List.of(Map.of("kind", "announcement", "in_app", true, "email", true)))).expect(200);

        notify(org, counselor, "Read your email");
        sender.sendDue(org.id());

        assertThat(deliveries(org, "email").getFirst().getStatus()).isEqualTo("sent");
        assertThat(deliveries(org, "push")).isEmpty();
        var mail = tenancy.callAs(org.id(), () -> db.selectFrom(RECORDED_MESSAGES)
                .where(RECORDED_MESSAGES.RECIPIENT.eq(counselor.email())).fetchOne());
        assertThat(mail.getChannel()).isEqualTo("email");
        assertThat(mail.getSubject()).isEqualTo("Read your email");
        assertThat(mail.getBody()).contains("Call before noon").contains("/follow-ups");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }
}
