package com.educonsult.crm.messaging.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.messaging.AttachmentUploads;
import com.educonsult.crm.messaging.Channel;
import com.educonsult.crm.messaging.OutgoingMessage;
import com.educonsult.crm.messaging.SendOutcome;
import com.educonsult.crm.support.ApiTest;
import com.educonsult.crm.support.FakeProviders;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A file sent on WhatsApp: a document or image message whose link the Cloud API fetches the file from. */
class WhatsAppAttachmentTests extends ApiTest {

    @Autowired
    WhatsAppAdapter adapter;

    @Test
    void aDocumentIsSentAsAMediaMessageWithASignedLinkToTheFileItsNameAndTheBodyAsCaption() throws Exception {
        Org org = registerOrganization();
        WhatsAppFakes.Number number = WhatsAppFakes.connect(api, org.adminToken());
        String from = "9188" + WhatsAppFakes.id().substring(4);
        String body = WhatsAppFakes.inbound(number, from, "Brochure Student", "wamid." + UUID.randomUUID(),
                "Please send the brochure", Instant.now());
        WhatsAppFakes.deliver(api, body, WhatsAppFakes.signature(body, number.appSecret())).expect(200);
        String[] leadId = new String[1];
        WhatsAppInboxTests.waitFor("the student's conversation", () -> {
            JsonNode list = api.get("/api/v1/inbox/conversations?q=Brochure", org.adminToken()).expect(200).data();
            if (list.size() == 1 && !list.get(0).get("lead_id").isNull()) {
                leadId[0] = list.get(0).get("lead_id").asString();
                return true;
            }
            return false;
        });
        byte[] brochure = AttachmentUploads.pdf(30_000);
        String key = AttachmentUploads.upload(api, org.adminToken(), "Brochure 2026.pdf", "application/pdf",
                brochure);
        WhatsAppFakes.acceptsMessages(number, "wamid.doc-" + UUID.randomUUID());

        api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", leadId[0], "type", "whatsapp",
                "body", "Here is our brochure", "attachments", List.of(key))).expect(201);

        String path = WhatsAppFakes.BASE + "/" + number.phoneNumberId() + "/messages";
        LoggedRequest[] sent = new LoggedRequest[1];
        WhatsAppInboxTests.waitFor("the media message", () -> {
            Optional<LoggedRequest> found = FakeProviders.server().findAll(postRequestedFor(urlPathEqualTo(path)))
                    .stream().filter(r -> r.getBodyAsString().contains("\"document\"")).findFirst();
            found.ifPresent(r -> sent[0] = r);
            return found.isPresent();
        });
        JsonNode message = JSON.readTree(sent[0].getBodyAsString());
        assertThat(message.get("type").asString()).isEqualTo("document");
        assertThat(message.get("to").asString()).isEqualTo(from);
        JsonNode document = message.get("document");
        assertThat(document.get("filename").asString()).isEqualTo("Brochure_2026.pdf");
        assertThat(document.get("caption").asString()).isEqualTo("Here is our brochure");
        assertThat(AttachmentUploads.download(document.get("link").asString())).isEqualTo(brochure);
    }

    @Test
    void aJpegOrPngIsSentAsAnImage() {
        Org org = registerOrganization();
        WhatsAppFakes.Number number = WhatsAppFakes.connect(api, org.adminToken());
        WhatsAppFakes.acceptsMessages(number, "wamid.image-1");
        OutgoingMessage photo = new OutgoingMessage(org.id(), UUID.randomUUID(), UUID.randomUUID(), Channel.WHATSAPP,
                "+919812345678", null, null, null, null, null, null, List.of(), List.of(new OutgoingMessage.Attachment(
                        org.id() + "/attachments/x/campus.jpg", "campus.jpg", "image/jpeg", 1000,
                        "https://files.example.test/campus.jpg?signature=abc")), Map.of(), false);
        assertThat(adapter.send(photo)).isEqualTo(SendOutcome.sent("wamid.image-1"));
        FakeProviders.server().verify(postRequestedFor(urlPathEqualTo(WhatsAppFakes.BASE + "/"
                + number.phoneNumberId() + "/messages"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson(
                        "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"919812345678\","
                                + "\"type\":\"image\",\"image\":{\"link\":"
                                + "\"https://files.example.test/campus.jpg?signature=abc\"}}")));
    }
}
