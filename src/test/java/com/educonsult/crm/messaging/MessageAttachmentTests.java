package com.educonsult.crm.messaging;

import static com.educonsult.crm.messaging.AttachmentUploads.download;
import static com.educonsult.crm.messaging.AttachmentUploads.pdf;
import static com.educonsult.crm.messaging.AttachmentUploads.ticket;
import static com.educonsult.crm.messaging.AttachmentUploads.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.educonsult.crm.platform.storage.ObjectStore;
import com.educonsult.crm.support.ApiTest;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Files sent with messages: uploaded to storage through a signed URL, checked when named, sent by the outbox. */
class MessageAttachmentTests extends ApiTest {

    private static final String COMMUNICATIONS = "/api/v1/communications";
    private static final long MB = 1024 * 1024;

    @Autowired
    ObjectStore store;

    @Autowired
    Communications communications;

    private UUID lead(Org org) {
        return UUID.fromString(api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "Riya",
                "last_name", "Sharma", "email", unique("riya") + "@student.test", "phone",
                "+9198" + String.valueOf(System.nanoTime()).substring(5, 13))).expect(201).data().get("id")
                .asString());
    }

    private Response email(Org org, UUID lead, List<String> attachments) {
        return api.post(COMMUNICATIONS, org.adminToken(), Map.of("lead_id", lead, "type", "email", "subject",
                "Your offer letter", "body", "Please find the offer attached.", "attachments", attachments));
    }

    @Test
    void anUploadedFileIsSentWithAnEmailAndShownWithASignedDownloadLink() throws Exception {
        Org org = registerOrganization();
        byte[] offer = pdf(2048);
        JsonNode ticket = ticket(api, org.adminToken(), "Offer letter (2026).pdf", "application/pdf", offer.length,
                "email").expect(201).data();
        String key = ticket.get("key").asString();
        assertThat(key).startsWith(org.id() + "/attachments/").endsWith("/Offer_letter_2026_.pdf");
        assertThat(ticket.get("method").asString()).isEqualTo("PUT");
        assertThat(ticket.get("max_bytes").asLong()).isEqualTo(2048);
        assertThat(AttachmentUploads.put(ticket, offer)).isBetween(200, 204);

        JsonNode sent = email(org, lead(org), List.of(key)).expect(201).data();
        JsonNode attachment = sent.get("attachments").get(0);
        assertThat(attachment.get("key").asString()).isEqualTo(key);
        assertThat(attachment.get("file_name").asString()).isEqualTo("Offer_letter_2026_.pdf");
        assertThat(attachment.get("content_type").asString()).isEqualTo("application/pdf");
        assertThat(attachment.get("size").asLong()).isEqualTo(2048);
        assertThat(download(attachment.get("url").asString())).isEqualTo(offer);

        JsonNode again = api.get(COMMUNICATIONS + "/" + sent.get("id").asString(), org.adminToken()).expect(200)
                .data();
        assertThat(download(again.get("attachments").get(0).get("url").asString())).isEqualTo(offer);
    }

    @Test
    void aTypeOutsideTheAllowListOrAFileOverTenMegabytesIsRefusedNamingTheField() {
        Org org = registerOrganization();
        assertThat(ticket(api, org.adminToken(), "setup.exe", "application/x-msdownload", 1000, null).expect(422)
                .errorField()).isEqualTo("content_type");
        assertThat(ticket(api, org.adminToken(), "brochure.pdf", "application/pdf", 10 * MB + 1, null).expect(422)
                .errorField()).isEqualTo("size");
        assertThat(ticket(api, org.adminToken(), "empty.pdf", "application/pdf", 0, null).expect(422)
                .errorField()).isEqualTo("size");
        assertThat(ticket(api, org.adminToken(), "campus.jpg", "image/jpeg", 6 * MB, "whatsapp").expect(422)
                .errorField()).isEqualTo("size");
        assertThat(ticket(api, org.adminToken(), "campus.jpg", "image/jpeg", 6 * MB, "email").expect(201).data()
                .get("content_type").asString()).isEqualTo("image/jpeg");
        assertThat(ticket(api, org.adminToken(), "marks.csv", "text/csv", 100, "whatsapp").expect(422)
                .errorField()).isEqualTo("channel");
        assertThat(ticket(api, org.adminToken(), "marks.csv", "text/csv; charset=utf-8", 100, "email").expect(201)
                .data().get("key").asString()).endsWith("/marks.csv");
    }

    @Test
    void moreThanFiveFilesOrAFileNeverUploadedIsRefused() throws Exception {
        Org org = registerOrganization();
        UUID lead = lead(org);
        List<String> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(upload(api, org.adminToken(), "page-" + i + ".pdf", "application/pdf", pdf(100)));
        }
        assertThat(email(org, lead, six).expect(422).errorField()).isEqualTo("attachments");
        assertThat(email(org, lead, six.subList(0, 5)).expect(201).data().get("attachments").size()).isEqualTo(5);

        String neverUploaded = ticket(api, org.adminToken(), "late.pdf", "application/pdf", 100, null).expect(201)
                .data().get("key").asString();
        Response missing = email(org, lead, List.of(six.getFirst(), neverUploaded)).expect(422);
        assertThat(missing.errorField()).isEqualTo("attachments[1]");
        assertThat(missing.raw()).contains("upload the file first");
    }

    @Test
    void anotherOrganizationsFileIsRefused() throws Exception {
        Org org = registerOrganization();
        Org other = registerOrganization();
        String theirs = upload(api, other.adminToken(), "theirs.pdf", "application/pdf", pdf(300));
        assertThat(email(org, lead(org), List.of(theirs)).expect(422).errorField()).isEqualTo("attachments[0]");
        assertThat(email(org, lead(org), List.of("../" + theirs)).expect(422).errorField())
                .isEqualTo("attachments[0]");
    }

    @Test
    void anSmsRefusesAttachmentsAndWhatsAppTakesOne() throws Exception {
        Org org = registerOrganization();
        UUID lead = lead(org);
        String key = upload(api, org.adminToken(), "fees.pdf", "application/pdf", pdf(300));
        Response sms = api.post(COMMUNICATIONS, org.adminToken(), Map.of("lead_id", lead, "type", "sms", "body",
                "Fees attached", "attachments", List.of(key))).expect(422);
        assertThat(sms.errorField()).isEqualTo("attachments");
        Response two = api.post(COMMUNICATIONS, org.adminToken(), Map.of("lead_id", lead, "type", "whatsapp",
                "body", "Fees attached", "attachments", List.of(key, key))).expect(422);
        assertThat(two.errorField()).isEqualTo("attachments");
        assertThat(two.raw()).contains("at most 1 file");
        Response template = api.post(COMMUNICATIONS, org.adminToken(), Map.of("lead_id", lead, "type", "whatsapp",
                "provider_template", "follow_up", "attachments", List.of(key))).expect(422);
        assertThat(template.errorField()).isEqualTo("attachments");
        Response logged = api.post(COMMUNICATIONS, org.adminToken(), Map.of("lead_id", lead, "type", "call",
                "body", "Talked", "attachments", List.of(key))).expect(422);
        assertThat(logged.errorField()).isEqualTo("attachments");
    }

    @Test
    void aFileRemovedBeforeItIsSentKillsTheDeliveryWithAClearErrorAndItCanBeReplayedOnceBack() throws Exception {
        Org org = registerOrganization();
        UUID lead = lead(org);
        byte[] report = "name,score\nRiya,91\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String key = org.id() + "/exports/" + UUID.randomUUID() + "/weekly.csv";
        store.put(key, new ByteArrayInputStream(report), report.length, "text/csv");
        UUID id = tenancy.callAs(org.id(), () -> {
            UUID queued = communications.enqueue(org.id(), List.of(new NewMessage(lead, Channel.EMAIL, null,
                    "Weekly report", "The report is attached.", null, null, null, null, null, null, true, null,
                    List.of(new NewMessage.File(key, "Weekly report.csv"))))).getFirst();
            store.delete(key);
            return queued;
        });
        JsonNode delivery = eventually(org, id, "dead");
        assertThat(delivery.get("last_error").asString()).contains("Weekly report.csv")
                .contains("no longer in storage");
        assertThat(api.get(COMMUNICATIONS + "/" + id, org.adminToken()).expect(200).data().get("status").asString())
                .isEqualTo("failed");

        store.put(key, new ByteArrayInputStream(report), report.length, "text/csv");
        api.post("/api/v1/admin/message-deliveries/" + delivery.get("id").asString() + "/replay", org.adminToken(),
                Map.of()).expect(200);
        eventually(org, id, "sent");
    }

    @Test
    void aModuleMayAttachAStoredFileOfTheOrganizationButNotAnotherOnes() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID lead = lead(org);
        byte[] report = "a,b\n1,2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String theirs = other.id() + "/exports/" + UUID.randomUUID() + "/report.csv";
        store.put(theirs, new ByteArrayInputStream(report), report.length, "text/csv");
        assertThatThrownBy(() -> tenancy.callAs(org.id(),
                () -> communications.enqueue(org.id(), List.of(new NewMessage(lead, Channel.EMAIL, null, "Report",
                        "Attached", null, null, null, null, null, null, true, null, List.of(NewMessage.File.of(
                                theirs)))))))
                .isInstanceOf(com.educonsult.crm.platform.web.ApiException.class)
                .hasMessageContaining("attachments");
    }

    private JsonNode eventually(Org org, UUID communicationId, String status) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            for (JsonNode delivery : api.get("/api/v1/admin/message-deliveries?limit=200", org.adminToken())
                    .expect(200).data()) {
                if (delivery.get("communication_id").asString().equals(communicationId.toString())
                        && delivery.get("status").asString().equals(status)) {
                    return delivery;
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("The delivery of " + communicationId + " is not " + status + " within 30 s");
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

}
