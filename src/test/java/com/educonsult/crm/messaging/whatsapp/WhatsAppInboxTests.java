package com.educonsult.crm.messaging.whatsapp;

import static com.educonsult.crm.jooq.Tables.COMMUNICATIONS;
import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.MESSAGE_CONSENTS;
import static com.educonsult.crm.jooq.Tables.MESSAGE_DELIVERIES;
import static com.educonsult.crm.jooq.Tables.PROVIDER_CALLBACKS;
import static com.educonsult.crm.jooq.Tables.WHATSAPP_CONVERSATIONS;
import static com.educonsult.crm.jooq.Tables.WHATSAPP_MESSAGES;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import com.educonsult.crm.support.FakeProviders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The WhatsApp webhook and the shared inbox, over HTTP against a fake Cloud API. */
class WhatsAppInboxTests extends ApiTest {

    private static final String CONVERSATIONS = "/api/v1/inbox/conversations";

    @Test
    void theHandshakeEchoesTheChallengeForAConnectedOrganizationsVerifyTokenOnly() {
        Org org = registerOrganization();
        WhatsAppFakes.Number number = WhatsAppFakes.connect(api, org.adminToken());
        Response ok = api.send(api.builder("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token="
                + number.verifyToken() + "&hub.challenge=1158201444", null).GET());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.raw()).isEqualTo("1158201444");
        Response wrong = api.send(api.builder("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope"
                + "&hub.challenge=1", null).GET());
        assertThat(wrong.status()).isEqualTo(403);
    }

    @Test
    void aDeliveryWithAMissingOrWrongSignatureIsRefusedAndNothingIsStored() {
        Org org = registerOrganization();
        WhatsAppFakes.Number number = WhatsAppFakes.connect(api, org.adminToken());
        String body = WhatsAppFakes.inbound(number, "919812300001", "Asha", "wamid." + UUID.randomUUID(), "Hello",
                Instant.now());
        WhatsAppFakes.deliver(api, body, null).expect(401);
        WhatsAppFakes.deliver(api, body, WhatsAppFakes.signature(body, "not-the-secret")).expect(401);
        WhatsAppFakes.deliver(api, body, "sha256=zz").expect(401);
        assertThat(tenancy.callAs(org.id(), () -> db.fetchCount(PROVIDER_CALLBACKS,
                PROVIDER_CALLBACKS.ORGANIZATION_ID.eq(org.id())))).isZero();
        assertThat(api.get(CONVERSATIONS, org.adminToken()).expect(200).data().size()).isZero();
    }

    @Test
    void aStudentWhoWritesFirstBecomesALeadFromWhatsAppWithAConversationAndAnUnreadMessage() {
        Org org = registerOrganization();
        WhatsAppFakes.Number number = WhatsAppFakes.connect(api, org.adminToken());
        String from = "9198" + WhatsAppFakes.id().substring(4);
        deliver(number, WhatsAppFakes.inbound(number, from, "Meera Iyer", "wamid." + UUID.randomUUID(),
                "Hi, is the MS in Germany intake open?", Instant.now()));

        JsonNode conversation = waitForConversation(org.adminToken(), "Meera", c -> c.get("unread_count").asInt() == 1);
        assertThat(conversation.get("phone").asString()).isEqualTo("+" + from);
        assertThat(conversation.get("window_open").asBoolean()).isTrue();
        assertThat(conversation.get("last_message_preview").asString()).contains("MS in Germany");
        JsonNode lead = api.get("/api/v1/leads/" + conversation.get("lead_id").asString(), org.adminToken())
                .expect(200).data();
        assertThat(lead.get("platform").asString()).isEqualTo("whatsapp");
        assertThat(lead.get("first_name").asString()).isEqualTo("Meera");
        JsonNode messages = api.get(CONVERSATIONS + "/" + conversation.get("id").asString() + "/messages",
                org.adminToken()).expect(200).data();
        assertThat(messages.size()).isEqualTo(1);
        assertThat(messages.get(0).get("direction").asString()).isEqualTo("inbound");
        assertThat(messages.get(0).get("communication_id").isNull()).isFalse();

        JsonNode read = api.post(CONVERSATIONS + "/" + conversation.get("id").asString() + "/read", org.adminToken(),
                Map.of()).expect(200).data();
        assertThat(read.get("unread_count").asInt()).isZero();
    }

    @Test
    void theSameMessageDeliveredTwiceIsOneMessage() {
        Org org = registerOrganization();
        WhatsAppFakes.Number number = WhatsAppFakes.connect(api, org.adminToken());
        String from = "9197" + WhatsAppFakes.id().substring(4);
        String wamid = "wamid." + UUID.randomUUID();
        String body = WhatsAppFakes.inbound(number, from, "Ravi Kumar", wamid, "Fees?", Instant.now());
        deliver(number, body);
        deliver(number, body);
        waitFor("both deliveries to be processed", () -> tenancy.callAs(org.id(), () -> db.fetchCount(
                PROVIDER_CALLBACKS, PROVIDER_CALLBACKS.ORGANIZATION_ID.eq(org.id()),
                PROVIDER_CALLBACKS.STATUS.eq("processed"))) == 2);
        JsonNode conversation = waitForConversation(org.adminToken(), "Ravi", c -> true);
        assertThat(conversation.get("unread_count").asInt()).isEqualTo(1);
        assertThat(tenancy.callAs(org.id(), () -> db.fetchCount(WHATSAPP_MESSAGES,
                WHATSAPP_MESSAGES.ORGANIZATION_ID.eq(org.id()), WHATSAPP_MESSAGES.WAMID.eq(wamid)))).isEqualTo(1);
        assertThat(tenancy.callAs(org.id(), () -> db.fetchCount(COMMUNICATIONS,
                COMMUNICATIONS.ORGANIZATION_ID.eq(org.id()), COMMUNICATIONS.PROVIDER_MESSAGE_ID.eq(wamid))))
                .isEqualTo(1);
    }

    @Test
    void aMessageFromANumberSavedInAnotherFormatLandsOnTheExistingLead() {
        Org org = registerOrganization();
        WhatsAppFakes.Number number = WhatsAppFakes.connect(api, org.adminToken());
        String digits = "98" + WhatsAppFakes.id().substring(4);
        String local = "0" + digits.substring(0, 5) + " " + digits.substring(5);
        String leadId = api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "Kiran", "last_name",
                "Shah", "phone", local)).expect(201).data().get("id").asString();
        deliver(number, WhatsAppFakes.inbound(number, "91" + digits, "K", "wamid." + UUID.randomUUID(),
                "Hello again", Instant.now()));
        JsonNode conversation = waitForConversation(org.adminToken(), digits.substring(2), c -> true);
        assertThat(conversation.get("lead_id").asString()).isEqualTo(leadId);
        assertThat(conversation.get("lead_name").asString()).isEqualTo("Kiran Shah");
        assertThat(tenancy.callAs(org.id(), () -> db.fetchCount(LEADS, LEADS.ORGANIZATION_ID.eq(org.id()))))
                .isEqualTo(1);
    }

    @Test
    void statusesOfMessagesNobodyKnowsAreHarmless() {
        Org org = registerOrganization();
        WhatsAppFakes.Number number = WhatsAppFakes.connect(api, org.adminToken());
        deliver(number, WhatsAppFakes.status(number, "wamid.unknown-" + UUID.randomUUID(), "delivered",
                Instant.now()));
        waitFor("the status delivery to be processed", () -> tenancy.callAs(org.id(), () -> db.fetchCount(
                PROVIDER_CALLBACKS, PROVIDER_CALLBACKS.ORGANIZATION_ID.eq(org.id()),
                PROVIDER_CALLBACKS.STATUS.eq("processed"))) == 1);
        JsonNode stored = api.get("/api/v1/admin/provider-callbacks?provider=whatsapp", org.adminToken()).expect(200)
                .data();
        assertThat(stored.size()).isEqualTo(1);
        assertThat(stored.get(0).get("status").asString()).isEqualTo("processed");
        api.post("/api/v1/admin/provider-callbacks/" + stored.get(0).get("id").asString() + "/replay",
                org.adminToken(), Map.of()).expect(200);
        waitFor("the replay", () -> "processed".equals(api.get("/api/v1/admin/provider-callbacks", org.adminToken())
                .data().get(0).get("status").asString()));
        Org other = registerOrganization();
        api.post("/api/v1/admin/provider-callbacks/" + stored.get(0).get("id").asString() + "/replay",
                other.adminToken(), Map.of()).expect(404);
    }

    @Test
    void aReplyWithinTheWindowIsQueuedAndItsStatusesArriveByWebhook() {
        Org org = registerOrganization();
        WhatsAppFakes.Number number = WhatsAppFakes.connect(api, org.adminToken());
        String from = "9196" + WhatsAppFakes.id().substring(4);
        deliver(number, WhatsAppFakes.inbound(number, from, "Nisha Rao", "wamid." + UUID.randomUUID(),
                "Can you call me?", Instant.now()));
        JsonNode conversation = waitForConversation(org.adminToken(), "Nisha", c -> true);
        String id = conversation.get("id").asString();

        String wamid = "wamid.out-" + UUID.randomUUID();
        WhatsAppFakes.acceptsMessages(number, wamid);
        JsonNode reply = api.post(CONVERSATIONS + "/" + id + "/messages", org.adminToken(),
                Map.of("text", "Sure, at 5 pm today")).expect(201).data();
        assertThat(reply.get("status").asString()).isEqualTo("queued");
        UUID communicationId = UUID.fromString(reply.get("communication_id").asString());
        waitFor("the outbox to hand the reply to WhatsApp", () -> "sent".equals(api.get(CONVERSATIONS + "/" + id
                + "/messages", org.adminToken()).data().get(0).get("status").asString()));
        FakeProviders.server().verify(postRequestedFor(urlPathEqualTo(WhatsAppFakes.BASE + "/"
                + number.phoneNumberId() + "/messages")).withRequestBody(containing("Sure, at 5 pm today")));

        deliver(number, WhatsAppFakes.status(number, wamid, "delivered", Instant.now()));
        waitFor("the reply to be delivered", () -> "delivered".equals(api.get(CONVERSATIONS + "/" + id
                + "/messages", org.adminToken()).data().get(0).get("status").asString()));
        deliver(number, WhatsAppFakes.status(number, wamid, "read", Instant.now()));
        deliver(number, WhatsAppFakes.status(number, wamid, "delivered", Instant.now()));
        waitFor("the reply to be read", () -> "read".equals(api.get(CONVERSATIONS + "/" + id
                + "/messages", org.adminToken()).data().get(0).get("status").asString()));
        waitFor("every status delivery to be processed", () -> tenancy.callAs(org.id(), () -> db.fetchCount(
                PROVIDER_CALLBACKS, PROVIDER_CALLBACKS.ORGANIZATION_ID.eq(org.id()),
                PROVIDER_CALLBACKS.STATUS.eq("processed"))) == 4);
        assertThat(tenancy.callAs(org.id(), () -> db.select(COMMUNICATIONS.STATUS).from(COMMUNICATIONS)
                .where(COMMUNICATIONS.ID.eq(communicationId)).fetchOne(COMMUNICATIONS.STATUS))).isEqualTo("read");
    }

    @Test
    void freeTextOutsideTheWindowIsRefusedNamingTheFieldAndAnApprovedTemplateIsTaken() {
        Org org = registerOrganization();
        WhatsAppFakes.Number number = WhatsAppFakes.connect(api, org.adminToken());
        String from = "9195" + WhatsAppFakes.id().substring(4);
        deliver(number, WhatsAppFakes.inbound(number, from, "Old Student", "wamid." + UUID.randomUUID(),
                "Hello", Instant.now().minus(Duration.ofHours(30))));
        JsonNode conversation = waitForConversation(org.adminToken(), "Old Student", c -> true);
        String id = conversation.get("id").asString();
        assertThat(conversation.get("window_open").asBoolean()).isFalse();

        Response refused = api.post(CONVERSATIONS + "/" + id + "/messages", org.adminToken(),
                Map.of("text", "Are you still interested?")).expect(422);
        assertThat(refused.errorField()).isEqualTo("text");
        assertThat(refused.raw()).contains("24 hours");

        WhatsAppFakes.templates(number, List.of(
                WhatsAppFakes.template("follow_up", "APPROVED", "Hello {{1}}, are you still planning for {{2}}?"),
                WhatsAppFakes.template("offer_draft", "PENDING", "Big offer")));
        JsonNode synced = api.post("/api/v1/admin/whatsapp/templates/sync", org.adminToken(), Map.of())
                .expect(200).data();
        assertThat(synced.size()).isEqualTo(2);
        JsonNode approved = api.get("/api/v1/whatsapp/templates?approved=true", org.adminToken()).expect(200).data();
        assertThat(approved.size()).isEqualTo(1);
        assertThat(approved.get(0).get("parameter_count").asInt()).isEqualTo(2);

        Response pending = api.post(CONVERSATIONS + "/" + id + "/messages", org.adminToken(),
                Map.of("template_name", "offer_draft")).expect(422);
        assertThat(pending.errorField()).isEqualTo("template_name");
        Response wrongCount = api.post(CONVERSATIONS + "/" + id + "/messages", org.adminToken(),
                Map.of("template_name", "follow_up", "parameters", List.of("Asha"))).expect(422);
        assertThat(wrongCount.errorField()).isEqualTo("parameters");
        JsonNode sent = api.post(CONVERSATIONS + "/" + id + "/messages", org.adminToken(),
                Map.of("template_name", "follow_up", "language", "en", "parameters", List.of("Asha", "Fall 2027")))
                .expect(201).data();
        assertThat(sent.get("body").asString()).isEqualTo("Hello Asha, are you still planning for Fall 2027?");
        assertThat(sent.get("template_name").asString()).isEqualTo("follow_up");
    }

    @Test
    void aStudentWhoWritesStopIsOptedOutOfWhatsAppAndStartOptsThemInAgain() {
        Org org = registerOrganization();
        WhatsAppFakes.Number number = WhatsAppFakes.connect(api, org.adminToken());
        String from = "9194" + WhatsAppFakes.id().substring(4);
        deliver(number, WhatsAppFakes.inbound(number, from, "Stop Student", "wamid." + UUID.randomUUID(),
                "  stop ", Instant.now()));
        waitFor("the opt-out", () -> optedOut(org.id(), "+" + from));
        deliver(number, WhatsAppFakes.inbound(number, from, "Stop Student", "wamid." + UUID.randomUUID(),
                "START", Instant.now()));
        waitFor("the opt-in", () -> !optedOut(org.id(), "+" + from));
    }

    @Test
    void anotherOrganizationsConversationIsNotFound() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        WhatsAppFakes.Number number = WhatsAppFakes.connect(api, org.adminToken());
        String from = "9193" + WhatsAppFakes.id().substring(4);
        deliver(number, WhatsAppFakes.inbound(number, from, "Private Student", "wamid." + UUID.randomUUID(), "Hi",
                Instant.now()));
        String id = waitForConversation(org.adminToken(), "Private", c -> true).get("id").asString();
        api.get(CONVERSATIONS + "/" + id, other.adminToken()).expect(404);
        api.get(CONVERSATIONS + "/" + id + "/messages", other.adminToken()).expect(404);
        api.post(CONVERSATIONS + "/" + id + "/messages", other.adminToken(), Map.of("text", "x")).expect(404);
        api.post(CONVERSATIONS + "/" + id + "/read", other.adminToken(), Map.of()).expect(404);
        api.put(CONVERSATIONS + "/" + id + "/owner", other.adminToken(), Map.of("owner_id", other.adminId()))
                .expect(404);
        assertThat(api.get(CONVERSATIONS, other.adminToken()).expect(200).data().size()).isZero();
    }

    @Test
    void aCounselorSeesOnlyTheirOwnLeadsConversationsAndAnOwnerCanBeAssigned() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        WhatsAppFakes.Number number = WhatsAppFakes.connect(api, org.adminToken());
        String from = "9192" + WhatsAppFakes.id().substring(4);
        deliver(number, WhatsAppFakes.inbound(number, from, "Scoped Student", "wamid." + UUID.randomUUID(), "Hi",
                Instant.now()));
        JsonNode conversation = waitForConversation(org.adminToken(), "Scoped", c -> true);
        String id = conversation.get("id").asString();
        String leadId = conversation.get("lead_id").asString();
        JsonNode lead = api.get("/api/v1/leads/" + leadId, org.adminToken()).expect(200).data();
        boolean hasOwner = lead.get("assigned_to") != null && !lead.get("assigned_to").isNull();
        api.post("/api/v1/assignments/" + (hasOwner ? "reassign" : "assign"), org.adminToken(),
                Map.of("lead_id", leadId, "assigned_to", counselor.id())).expect(200);
        JsonNode followed = api.get(CONVERSATIONS + "/" + id, counselor.token()).expect(200).data();
        assertThat(followed.get("owner_id").asString()).isEqualTo(counselor.id().toString());
        assertThat(api.get(CONVERSATIONS + "?view=mine", counselor.token()).expect(200).data().size()).isEqualTo(1);
        TestUser stranger = userWithRole(org, "counselor");
        api.get(CONVERSATIONS + "/" + id, stranger.token()).expect(404);
        assertThat(api.get(CONVERSATIONS, stranger.token()).expect(200).data().size()).isZero();

        JsonNode assigned = api.put(CONVERSATIONS + "/" + id + "/owner", org.adminToken(),
                Map.of("owner_id", counselor.id())).expect(200).data();
        assertThat(assigned.get("owner_id").asString()).isEqualTo(counselor.id().toString());
        Response bad = api.put(CONVERSATIONS + "/" + id + "/owner", org.adminToken(),
                Map.of("owner_id", UUID.randomUUID())).expect(422);
        assertThat(bad.errorField()).isEqualTo("owner_id");
        JsonNode unassigned = api.put(CONVERSATIONS + "/" + id + "/owner", org.adminToken(),
                java.util.Collections.singletonMap("owner_id", null)).expect(200).data();
        assertThat(unassigned.get("owner_id").isNull()).isTrue();
        assertThat(api.get(CONVERSATIONS + "?view=unassigned", org.adminToken()).expect(200).data().size())
                .isEqualTo(1);
    }

    @Test
    void theHubRefusesWhatsAppFreeTextOutsideTheWindowNamingTheBody() {
        Org org = registerOrganization();
        WhatsAppFakes.Number number = WhatsAppFakes.connect(api, org.adminToken());
        String from = "9191" + WhatsAppFakes.id().substring(4);
        deliver(number, WhatsAppFakes.inbound(number, from, "Hub Student", "wamid." + UUID.randomUUID(), "Hi",
                Instant.now().minus(Duration.ofHours(26))));
        String leadId = waitForConversation(org.adminToken(), "Hub Student", c -> true).get("lead_id").asString();
        Response refused = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", leadId,
                "type", "whatsapp", "body", "Checking in")).expect(422);
        assertThat(refused.errorField()).isEqualTo("body");
        WhatsAppFakes.acceptsMessages(number, "wamid.hub-" + UUID.randomUUID());
        api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", leadId, "type", "whatsapp",
                "provider_template", "follow_up", "provider_template_language", "en")).expect(201);
    }

    @Test
    void aProviderThatFailsOrTimesOutLeavesTheReplyToBeTriedAgain() {
        Org org = registerOrganization();
        WhatsAppFakes.Number number = WhatsAppFakes.connect(api, org.adminToken());
        String from = "9190" + WhatsAppFakes.id().substring(4);
        deliver(number, WhatsAppFakes.inbound(number, from, "Retry Student", "wamid." + UUID.randomUUID(), "Hi",
                Instant.now()));
        String id = waitForConversation(org.adminToken(), "Retry Student", c -> true).get("id").asString();
        WhatsAppFakes.refusesMessages(number, 503, "{\"error\":{\"message\":\"Service unavailable\",\"code\":2}}");
        UUID communicationId = UUID.fromString(api.post(CONVERSATIONS + "/" + id + "/messages", org.adminToken(),
                Map.of("text", "Hello?")).expect(201).data().get("communication_id").asString());
        waitFor("a failed attempt to be scheduled again", () -> tenancy.callAs(org.id(), () -> db.fetchExists(
                MESSAGE_DELIVERIES, MESSAGE_DELIVERIES.ORGANIZATION_ID.eq(org.id()),
                MESSAGE_DELIVERIES.COMMUNICATION_ID.eq(communicationId), MESSAGE_DELIVERIES.ATTEMPTS.ge(1),
                MESSAGE_DELIVERIES.STATUS.eq("failed"), MESSAGE_DELIVERIES.NEXT_ATTEMPT_AT.isNotNull())));
        assertThat(api.get(CONVERSATIONS + "/" + id + "/messages", org.adminToken()).data().get(0).get("status")
                .asString()).isEqualTo("queued");
    }

    @Test
    void aStudentWhoWroteStopGetsNoBulkMessageButAPersonMayStillReply() {
        Org org = registerOrganization();
        WhatsAppFakes.Number number = WhatsAppFakes.connect(api, org.adminToken());
        String from = "9189" + WhatsAppFakes.id().substring(4);
        deliver(number, WhatsAppFakes.inbound(number, from, "Quiet Student", "wamid." + UUID.randomUUID(), "STOP",
                Instant.now()));
        waitFor("the opt-out", () -> optedOut(org.id(), "+" + from));
        JsonNode conversation = waitForConversation(org.adminToken(), "Quiet Student", c -> true);
        Response bulk = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id",
                conversation.get("lead_id").asString(), "type", "whatsapp", "provider_template", "offer",
                "bulk", true)).expect(422);
        assertThat(bulk.raw()).contains("opted out");
        WhatsAppFakes.acceptsMessages(number, "wamid.person-" + UUID.randomUUID());
        api.post(CONVERSATIONS + "/" + conversation.get("id").asString() + "/messages", org.adminToken(),
                Map.of("text", "Understood, we will not send offers. Write any time.")).expect(201);
    }

    private void deliver(WhatsAppFakes.Number number, String body) {
        WhatsAppFakes.deliver(api, body, WhatsAppFakes.signature(body, number.appSecret())).expect(200);
    }

    private boolean optedOut(UUID organizationId, String phone) {
        return Boolean.TRUE.equals(tenancy.callAs(organizationId, () -> db.select(MESSAGE_CONSENTS.OPTED_OUT)
                .from(MESSAGE_CONSENTS).where(MESSAGE_CONSENTS.ORGANIZATION_ID.eq(organizationId),
                        MESSAGE_CONSENTS.CHANNEL.eq("whatsapp"), MESSAGE_CONSENTS.ADDRESS.eq(phone))
                .fetchOne(MESSAGE_CONSENTS.OPTED_OUT)));
    }

    private JsonNode waitForConversation(String token, String search, java.util.function.Predicate<JsonNode> ready) {
        JsonNode[] found = new JsonNode[1];
        waitFor("a conversation matching " + search, () -> {
            JsonNode list = api.get(CONVERSATIONS + "?q=" + java.net.URLEncoder.encode(search,
                    java.nio.charset.StandardCharsets.UTF_8), token).expect(200).data();
            if (list.size() == 1 && ready.test(list.get(0))) {
                found[0] = list.get(0);
                return true;
            }
            return false;
        });
        return found[0];
    }

    static void waitFor(String what, java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Waited in vain for " + what);
    }
}
