package com.educonsult.crm.web.messaging;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.educonsult.crm.support.BrowserTest;
import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MessagingPagesTests extends BrowserTest {

    @Test
    void anEmailSentFromTheLeadPageShowsInTheTimelineAndInTheOutboxAsSentInDemoMode() throws Exception {
        Org org = registerOrganization();
        UUID lead = createLead(org.adminToken(), Map.of("first_name", "Meera", "last_name", "Joshi", "email",
                "meera.joshi@example.com", "phone", "+919876543210"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/leads/" + lead);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Send a message")))
                .isVisible();
        assertThat(page.getByLabel("Email", new Page.GetByLabelOptions().setExact(true))).isChecked();
        page.getByLabel("Message text").fill("Your offer letter is attached.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertThat(page.locator("#message-subject-error")).hasText("is required for an email");
        assertThat(page.getByLabel("Message text"))
                .hasValue("Your offer letter is attached.");
        assertAccessible();
        screenshot("lead-send-message-error-1280");

        page.getByLabel("Subject").fill("Your offer from Leeds");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertThat(page.locator(".notice.info")).containsText("Email to meera.joshi@example.com queued");
        assertThat(page.locator(".timeline")).containsText("Your offer from Leeds");
        assertThat(page.getByLabel("Message text")).isVisible();
        screenshot("lead-send-message-1280");
        page.setViewportSize(360, 800);
        screenshot("lead-send-message-360");
        page.setViewportSize(1280, 900);

        long deadline = System.currentTimeMillis() + 30_000;
        while (api.get("/api/v1/admin/message-deliveries?status=sent", org.adminToken()).expect(200).data().isEmpty()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("The email was not sent within 30 s");
            }
            Thread.sleep(200);
        }
        page.navigate("/settings/outbox?status=sent");
        assertThat(page.locator(".outbox-table")).containsText("meera.joshi@example.com");
        assertThat(page.locator(".recordings")).containsText("Your offer from Leeds");
        assertThat(page.locator(".recordings")).containsText("Your offer letter is attached.");
        assertAccessible();
        screenshot("outbox-sent-1280");
    }

    @Test
    void anAdminReplaysADeadMessageFromTheOutbox() throws Exception {
        Org org = registerOrganization();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        api.post("/api/v1/admin/integrations/email/connect", org.adminToken(), Map.of("credentials", Map.of(
                "host", "localhost", "port", String.valueOf(closedPort), "security", "none",
                "from_address", "admissions@" + org.slug() + ".test"))).expect(200);
        UUID lead = createLead(org.adminToken(), Map.of("first_name", "Kabir", "email", "kabir@example.com"));
        api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type", "email", "subject",
                "Visa documents", "body", "Please bring your passport.")).expect(201);
        long deadline = System.currentTimeMillis() + 30_000;
        while (api.get("/api/v1/admin/message-deliveries?status=dead", org.adminToken()).expect(200).data()
                .isEmpty()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("The delivery did not die within 30 s");
            }
            Thread.sleep(200);
        }

        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/settings");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Message outbox")).first().click();
        assertThat(page).hasURL(Pattern.compile("/settings/outbox"));
        assertThat(page.locator(".outbox-table")).containsText("kabir@example.com");
        assertThat(page.locator(".outbox-table")).containsText("Gave up after 3 attempts");
        assertAccessible();
        screenshot("outbox-dead-1280");
        page.setViewportSize(360, 800);
        screenshot("outbox-dead-360");
        page.setViewportSize(1280, 900);

        page.onDialog(Dialog::accept);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Replay the message to kabir@example.com"))
                .click();
        assertThat(page.locator(".notice.success")).containsText("queued again");
        assertThat(page.locator("#deliveries-title")).hasText("Dead messages");
        page.navigate("/settings/outbox?status=pending");
        assertThat(page.locator(".outbox-tabs")).isVisible();
    }
}
