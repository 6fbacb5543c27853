package com.educonsult.crm.messaging.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.messaging.AttachmentUploads;
import com.educonsult.crm.messaging.Channel;
import com.educonsult.crm.messaging.Communications;
import com.educonsult.crm.messaging.NewMessage;
import com.educonsult.crm.platform.storage.ObjectStore;
import com.educonsult.crm.support.ApiTest;
import com.educonsult.crm.support.FakeMail;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Attachments reach the recipient's mailbox through the organization's SMTP server, with their bytes and names. */
class EmailAttachmentTests extends ApiTest {

    @Autowired
    ObjectStore store;

    @Autowired
    Communications communications;

    private record Received(String fileName, String contentType, byte[] bytes) {
    }

    private void connectEmail(Org org) {
        api.post("/api/v1/admin/integrations/email/connect", org.adminToken(), Map.of("credentials", Map.of(
                "host", "localhost", "port", String.valueOf(FakeMail.smtpPort()), "security", "none",
                "from_address", "admissions@" + org.slug() + ".test", "from_name", "Admissions Desk",
                "username", "admissions", "password", "secret"))).expect(200);
    }

    private UUID lead(Org org, String email) {
        return UUID.fromString(api.post("/api/v1/leads", org.adminToken(),
                Map.of("first_name", "Riya", "last_name", "Sharma", "email", email)).expect(201).data().get("id")
                .asString());
    }

    @Test
    void theReceivedEmailCarriesTheUploadedFilesWithTheirBytesNamesAndTypes() throws Exception {
        Org org = registerOrganization();
        connectEmail(org);
        String address = unique("riya") + "@student.test";
        UUID lead = lead(org, address);
        byte[] offer = AttachmentUploads.pdf(40_000);
        byte[] photo = new byte[5_000];
        new java.util.Random(7).nextBytes(photo);
        String offerKey = AttachmentUploads.upload(api, org.adminToken(), "Offer letter.pdf", "application/pdf",
                offer);
        String photoKey = AttachmentUploads.upload(api, org.adminToken(), "campus.png", "image/png", photo);

        api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type", "email", "subject",
                "Your offer letter", "body", "Dear Riya, your offer is attached.", "html",
                "<p>Dear Riya, your offer is <b>attached</b>.</p>", "attachments", List.of(offerKey, photoKey)))
                .expect(201);

        MimeMessage mail = received(address);
        List<Received> files = attachments(mail);
        assertThat(files).hasSize(2);
        assertThat(files.get(0).fileName()).isEqualTo("Offer_letter.pdf");
        assertThat(files.get(0).contentType()).startsWith("application/pdf");
        assertThat(files.get(0).bytes()).isEqualTo(offer);
        assertThat(files.get(1).fileName()).isEqualTo("campus.png");
        assertThat(files.get(1).contentType()).startsWith("image/png");
        assertThat(files.get(1).bytes()).isEqualTo(photo);
        assertThat(text(mail)).contains("Dear Riya, your offer is attached.").contains("<b>attached</b>");
    }

    @Test
    void aModulesMessageAttachesAStoredFileUnderTheNameItGives() throws Exception {
        Org org = registerOrganization();
        connectEmail(org);
        String address = unique("manager") + "@consultancy.test";
        UUID lead = lead(org, address);
        byte[] report = "branch,leads\nPune,42\n".getBytes(StandardCharsets.UTF_8);
        String key = org.id() + "/exports/" + UUID.randomUUID() + "/report.csv";
        store.put(key, new ByteArrayInputStream(report), report.length, "text/csv");
        tenancy.runAs(org.id(), () -> communications.enqueue(org.id(), List.of(new NewMessage(lead, Channel.EMAIL,
                null, "Weekly report", "The weekly report is attached.", null, null, null, null, null, null, true,
                null, List.of(new NewMessage.File(key, "Weekly report.csv"))))));

        List<Received> files = attachments(received(address));
        assertThat(files).singleElement().satisfies(file -> {
            assertThat(file.fileName()).isEqualTo("Weekly report.csv");
            assertThat(file.contentType()).startsWith("text/csv");
            assertThat(file.bytes()).isEqualTo(report);
        });
    }

    private static MimeMessage received(String address) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (FakeMail.receivedBy(address).isEmpty()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("No mail reached " + address + " within 30 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return FakeMail.receivedBy(address).getFirst();
    }

    private static List<Received> attachments(Part part) throws Exception {
        List<Received> found = new ArrayList<>();
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            found.add(new Received(part.getFileName(), part.getContentType(), part.getInputStream().readAllBytes()));
        } else if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                found.addAll(attachments(multipart.getBodyPart(i)));
            }
        }
        return found;
    }

    private static String text(Part part) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i)));
            }
            return all.toString();
        }
        return part.isMimeType("text/*") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
                ? String.valueOf(part.getContent()) : "";
    }
}
