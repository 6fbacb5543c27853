package com.educonsult.crm.web.messaging;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.messaging.AttachmentUploads;
import com.educonsult.crm.support.BrowserTest;
import com.educonsult.crm.support.FakeMail;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Files attached from the lead page's send panel: uploaded as chosen, shown as chips, sent with the email. */
class LeadMessageAttachmentTests extends BrowserTest {

    private record Received(String fileName, byte[] bytes) {
    }

    @Test
    void aFileAttachedToAnEmailFromTheLeadPageReachesTheStudentsMailbox() throws Exception {
        Org org = registerOrganization();
        api.post("/api/v1/admin/integrations/email/connect", org.adminToken(), Map.of("credentials", Map.of(
                "host", "localhost", "port", String.valueOf(FakeMail.smtpPort()), "security", "none",
                "from_address", "admissions@" + org.slug() + ".test", "username", "admissions", "password",
                "secret"))).expect(200);
        String address = unique("meera") + "@student.test";
        UUID lead = createLead(org.adminToken(), Map.of("first_name", "Meera", "last_name", "Joshi", "email",
                address));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/leads/" + lead);
        Locator panel = page.locator("#send-message");
        Locator chips = panel.locator(".attachment-chip");
        assertThat(panel.locator("#message-files-hint")).containsText("10 MB");

        byte[] offer = AttachmentUploads.pdf(40_000);
        page.getByLabel("Attach files").setInputFiles(new FilePayload("Offer letter.pdf", "application/pdf", offer));
        assertThat(chips).hasCount(1);
        assertThat(chips.first()).containsText("Offer_letter.pdf");
        assertThat(chips.first()).containsText("39 KB");

        page.getByLabel("Attach files").setInputFiles(new FilePayload("notes.txt", "text/plain",
                "Bring your passport".getBytes()));
        assertThat(chips).hasCount(2);
        chips.nth(1).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove notes.txt")).click();
        assertThat(chips).hasCount(1);

        page.getByLabel("Attach files").setInputFiles(new FilePayload("setup.exe", "application/x-msdownload",
                new byte[] {77, 90, 1, 2}));
        assertThat(page.locator("#message-attachments-error")).containsText("setup.exe: a message cannot carry this type of file");
        assertThat(chips).hasCount(1);
        assertAccessible();
        screenshot("lead-send-attachment-1280");
        page.setViewportSize(360, 800);
        screenshot("lead-send-attachment-360");
        page.setViewportSize(1280, 900);

        page.getByLabel("Message text").fill("Your offer letter is attached.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertThat(page.locator("#message-subject-error")).hasText("is required for an email");
        assertThat(chips).hasCount(1);
        assertThat(chips.first()).containsText("Offer_letter.pdf");

        page.getByLabel("Subject").fill("Your offer from Leeds");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertThat(page.locator(".notice.info")).containsText("Email to " + address + " queued");

        List<Received> files = attachments(received(address));
        assertThat(files).hasSize(1);
        assertThat(files.getFirst().fileName()).isEqualTo("Offer_letter.pdf");
        assertThat(files.getFirst().bytes()).isEqualTo(offer);
    }

    @Test
    void anSmsOffersNoFilePickerAndWhatsAppTellsItsOwnLimits() {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), Map.of("first_name", "Kiran", "phone", "+919876500123"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/leads/" + lead);
        assertThat(page.locator("#message-files-hint")).containsText("One file");
        page.getByLabel("SMS", new Page.GetByLabelOptions().setExact(true)).check();
        assertThat(page.locator("#message-files")).hasCount(0);
    }

    private static MimeMessage received(String address) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (FakeMail.receivedBy(address).isEmpty()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("No mail reached " + address + " within 30 s");
            }
            Thread.sleep(100);
        }
        return FakeMail.receivedBy(address).getFirst();
    }

    private static List<Received> attachments(Part part) throws Exception {
        List<Received> found = new ArrayList<>();
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            found.add(new Received(part.getFileName(), part.getInputStream().readAllBytes()));
        } else if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                found.addAll(attachments(multipart.getBodyPart(i)));
            }
        }
        return found;
    }
}
