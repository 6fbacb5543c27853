package com.educonsult.crm.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CommunicationApiTests extends ApiTest {

    private UUID lead(Org org, String token, String phone, String email) {
        return UUID.fromString(api.post("/api/v1/leads", token,
                Map.of("first_name", "Aarav", "phone", phone, "email", email)).expect(201).data().get("id").asString());
    }

    private static void eventually(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Not within 30 s: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void withNoProviderAnSmsIsRecordedForTheAdminAndMarkedSent() {
        Org org = registerOrganization();
        UUID lead = lead(org, org.adminToken(), "9876512001", unique("a") + "@student.test");
        String id = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type", "sms",
                "body", "Your counselling session is at 4 pm.")).expect(201).data().get("id").asString();
        eventually("sent in demo mode", () -> api.get("/api/v1/communications/" + id, org.adminToken()).expect(200)
                .data().get("status").asString().equals("sent"));
        JsonNode recordings = api.get("/api/v1/admin/message-recordings?channel=sms", org.adminToken()).expect(200)
                .data();
        assertThat(recordings).hasSize(1);
        assertThat(recordings.get(0).get("to_address").asString()).isEqualTo("+919876512001");
        assertThat(recordings.get(0).get("body").asString()).isEqualTo("Your counselling session is at 4 pm.");
        assertThat(recordings.get(0).get("communication_id").asString()).isEqualTo(id);
        JsonNode delivery = api.get("/api/v1/admin/message-deliveries?status=sent", org.adminToken()).expect(200)
                .data().get(0);
        assertThat(delivery.get("adapter").asString()).isEqualTo("recording");
        assertThat(api.get("/api/v1/communications/" + id, org.adminToken()).data().get("provider_message_id")
                .asString()).isEqualTo("recorded-" + delivery.get("id").asString());
    }

    @Test
    void aTemplateFillsTheMessageForTheLead() {
        Org org = registerOrganization();
        UUID lead = lead(org, org.adminToken(), "9876512002", unique("t") + "@student.test");
        String template = api.post("/api/v1/templates/messages", org.adminToken(), Map.of("name", unique("Welcome"),
                "category", "general", "is_email", true, "subject", "Welcome {{first_name}}", "content",
                "Hello {{first_name}}, welcome aboard.")).expect(201).data().get("id").asString();
        JsonNode sent = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type",
                "email", "template_id", template)).expect(201).data();
        assertThat(sent.get("subject").asString()).isEqualTo("Welcome Aarav");
        assertThat(sent.get("body").asString()).isEqualTo("Hello Aarav, welcome aboard.");
        assertThat(sent.get("template_id").asString()).isEqualTo(template);

        Response notForSms = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type",
                "sms", "template_id", template));
        notForSms.expect(422);
        assertThat(notForSms.errorField()).isEqualTo("template_id");
    }

    @Test
    void invalidMessagesAreRefusedNamingTheField() {
        Org org = registerOrganization();
        UUID lead = lead(org, org.adminToken(), "9876512003", unique("v") + "@student.test");
        Response noSubject = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type",
                "email", "body", "Hi"));
        noSubject.expect(422);
        assertThat(noSubject.errorField()).isEqualTo("subject");
        Response badType = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type",
                "fax", "body", "Hi"));
        badType.expect(422);
        assertThat(badType.errorField()).isEqualTo("type");
        Response badPhone = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type",
                "whatsapp", "to", "12", "body", "Hi"));
        badPhone.expect(422);
        assertThat(badPhone.errorField()).isEqualTo("to");
        Response noBody = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type",
                "sms"));
        noBody.expect(422);
        assertThat(noBody.errorField()).isEqualTo("body");
        Response unknownLead = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id",
                UUID.randomUUID(), "type", "sms", "body", "Hi"));
        unknownLead.expect(422);
        assertThat(unknownLead.errorField()).isEqualTo("lead_id");
        Response unknownField = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type",
                "sms", "body", "Hi", "priority", "high"));
        unknownField.expect(422);
        Response badFilter = api.get("/api/v1/communications?type=fax", org.adminToken());
        badFilter.expect(422);
        api.get("/api/v1/communications/history?entity_type=course&entity_id=" + lead, org.adminToken()).expect(422);
    }

    @Test
    void anOptedOutNumberGetsNoBulkMessageButAPersonsReplyStillGoes() {
        Org org = registerOrganization();
        UUID lead = lead(org, org.adminToken(), "9876512004", unique("o") + "@student.test");
        tenancy.runAs(org.id(), () -> db.execute("insert into message_consents (organization_id, channel, address, "
                + "opted_out, source) values (?, 'sms', '+919876512004', true, 'stop_reply')", org.id()));
        Response bulk = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type",
                "sms", "body", "Offer ends Friday", "bulk", true));
        bulk.expect(422);
        assertThat(bulk.errorField()).isEqualTo("lead_id");
        api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type", "sms", "body",
                "Replying to your question: yes.")).expect(201);
        api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type", "email", "subject",
                "Offer", "body", "Offer ends Friday", "bulk", true)).expect(201);
    }

    @Test
    void aLoggedCallCanBeChangedAndDeletedButASentMessageCannot() {
        Org org = registerOrganization();
        UUID lead = lead(org, org.adminToken(), "9876512005", unique("l") + "@student.test");
        JsonNode call = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type", "meeting",
                "direction", "inbound", "subject", "Walk-in visit", "body", "Came with parents.")).expect(201).data();
        assertThat(call.get("status").asString()).isEqualTo("logged");
        assertThat(call.get("direction").asString()).isEqualTo("inbound");
        String id = call.get("id").asString();
        JsonNode changed = api.patch("/api/v1/communications/" + id, org.adminToken(),
                Map.of("body", "Came with parents; wants a UK master's.")).expect(200).data();
        assertThat(changed.get("body").asString()).isEqualTo("Came with parents; wants a UK master's.");
        assertThat(changed.get("subject").asString()).isEqualTo("Walk-in visit");
        assertThat(api.get("/api/v1/leads/" + lead + "/timeline", org.adminToken()).expect(200).data().toString())
                .contains("Walk-in visit");

        Response toField = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type",
                "call", "body", "Called", "to", "+919876512005"));
        toField.expect(422);
        assertThat(toField.errorField()).isEqualTo("to");

        String sms = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type", "sms",
                "body", "See you tomorrow")).expect(201).data().get("id").asString();
        api.patch("/api/v1/communications/" + sms, org.adminToken(), Map.of("body", "changed")).expect(409);
        api.delete("/api/v1/communications/" + sms, org.adminToken()).expect(409);
        api.delete("/api/v1/communications/" + id, org.adminToken()).expect(200);
        api.get("/api/v1/communications/" + id, org.adminToken()).expect(404);

        JsonNode list = api.get("/api/v1/communications?lead_id=" + lead + "&type=sms", org.adminToken()).expect(200)
                .data();
        assertThat(list).hasSize(1);
        assertThat(api.get("/api/v1/communications?direction=inbound&lead_id=" + lead, org.adminToken()).expect(200)
                .data()).isEmpty();
    }

    @Test
    void anotherOrganizationsCommunicationsAndDeliveriesAreNotFound() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID lead = lead(org, org.adminToken(), "9876512006", unique("x") + "@student.test");
        String id = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type", "sms",
                "body", "Hello")).expect(201).data().get("id").asString();
        api.get("/api/v1/communications/" + id, other.adminToken()).expect(404);
        api.patch("/api/v1/communications/" + id, other.adminToken(), Map.of("body", "x")).expect(404);
        api.delete("/api/v1/communications/" + id, other.adminToken()).expect(404);
        api.get("/api/v1/communications/history?entity_type=lead&entity_id=" + lead, other.adminToken()).expect(404);
        assertThat(api.get("/api/v1/communications?lead_id=" + lead, other.adminToken()).expect(200).data()).isEmpty();
        Response foreignLead = api.post("/api/v1/communications", other.adminToken(), Map.of("lead_id", lead, "type",
                "sms", "body", "Hello"));
        foreignLead.expect(422);
        assertThat(foreignLead.errorField()).isEqualTo("lead_id");
        String delivery = api.get("/api/v1/admin/message-deliveries", org.adminToken()).expect(200).data().get(0)
                .get("id").asString();
        api.get("/api/v1/admin/message-deliveries/" + delivery, other.adminToken()).expect(404);
        api.post("/api/v1/admin/message-deliveries/" + delivery + "/replay", other.adminToken(), Map.of()).expect(404);
    }

    @Test
    void aCounselorSeesOnlyTheCommunicationsOfTheirOwnLeads() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID theirs = lead(org, counselor.token(), "9876512007", unique("c") + "@student.test");
        UUID notTheirs = lead(org, org.adminToken(), "9876512008", unique("d") + "@student.test");
        api.post("/api/v1/communications", counselor.token(), Map.of("lead_id", theirs, "type", "sms", "body",
                "Hi from your counselor")).expect(201);
        String hidden = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", notTheirs, "type",
                "sms", "body", "Hi from the admin")).expect(201).data().get("id").asString();
        JsonNode seen = api.get("/api/v1/communications", counselor.token()).expect(200).data();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).get("lead_id").asString()).isEqualTo(theirs.toString());
        api.get("/api/v1/communications/" + hidden, counselor.token()).expect(404);
        api.get("/api/v1/admin/message-deliveries", counselor.token()).expect(403);
        Response send = api.post("/api/v1/communications", counselor.token(), Map.of("lead_id", notTheirs, "type",
                "sms", "body", "Hi"));
        send.expect(422);
        assertThat(send.errorField()).isEqualTo("lead_id");
    }
}
