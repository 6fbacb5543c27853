package com.educonsult.crm.web.inbox;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.educonsult.crm.support.BrowserTest;
import com.educonsult.crm.support.FakeProviders;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The WhatsApp inbox page: a student's message arrives live, the counselor replies, WhatsApp's statuses show. */
class InboxPagesTests extends BrowserTest {

    private static final String CLOUD = "/whatsapp/v21.0";

    record Number(String phoneNumberId, String wabaId, String appSecret) {
    }

    @Test
    void aStudentsMessageArrivesLiveTheCounselorRepliesAndWhatsAppsStatusesShow() {
        Org org = registerOrganization();
        Number number = connect(org);
        TestUser counselor = userWithRole(org, "counselor");
        String digits = "98" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        createLead(counselor.token(), Map.of("first_name", "Ananya", "last_name", "Menon", "phone", "+91" + digits));
        String wamid = "wamid.reply-" + UUID.randomUUID();
        FakeProviders.server().stubFor(post(urlPathEqualTo(CLOUD + "/" + number.phoneNumberId() + "/messages"))
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"" + wamid + "\"}]}")));

        signIn(org.slug(), counselor.email(), PASSWORD);
        page.navigate("/inbox");
        assertThat(page.getByText("No conversations here.")).isVisible();
        assertThat(page.locator("#live-indicator.connected")).isVisible();

        deliver(number, inbound(number, "91" + digits, "Ananya M", "wamid." + UUID.randomUUID(),
                "Hello! Is the September intake for Canada still open?", Instant.now()));
        Locator conversation = page.locator(".conversation").filter(new Locator.FilterOptions()
                .setHasText("Ananya Menon"));
        assertThat(conversation).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                .setTimeout(30_000));
        assertThat(conversation.locator(".unread-count")).hasText("1");
        assertAccessible();
        screenshot("inbox-list-1280");

        conversation.locator("a").click();
        assertThat(page.locator("#thread-messages")).containsText("September intake for Canada");
        assertThat(page.getByText("you can write freely until")).isVisible();
        page.getByLabel("Reply").fill("Yes, it is open until 30 June. Shall I send you the course list?");
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Send")
                .setExact(true)).click();
        Locator reply = page.locator(".message.outbound").last();
        assertThat(reply).containsText("Shall I send you the course list?");
        assertThat(reply.locator(".message-status")).containsText("Sent",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        FakeProviders.server().verify(postRequestedFor(urlPathEqualTo(CLOUD + "/" + number.phoneNumberId()
                + "/messages")));

        deliver(number, status(number, wamid, "delivered", Instant.now()));
        assertThat(reply.locator(".message-status")).containsText("Delivered");
        assertAccessible();
        screenshot("inbox-thread-1280");

        page.setViewportSize(360, 780);
        screenshot("inbox-thread-360");
    }

    @Test
    void outsideTheWindowTheReplyBoxOffersApprovedTemplatesOnlyAndSaysWhy() {
        Org org = registerOrganization();
        Number number = connect(org);
        String digits = "97" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        FakeProviders.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(
                CLOUD + "/" + number.wabaId() + "/message_templates")).willReturn(okJson("""
                {"data":[{"id":"1","name":"course_follow_up","language":"en","status":"APPROVED","category":"UTILITY",
                "components":[{"type":"BODY","text":"Hello {{1}}, the {{2}} course list is ready. Reply to talk."}]},
                {"id":"2","name":"draft_offer","language":"en","status":"PENDING","category":"MARKETING",
                "components":[{"type":"BODY","text":"Offer"}]}]}""")));
        api.post("/api/v1/admin/whatsapp/templates/sync", org.adminToken(), Map.of()).expect(200);
        deliver(number, inbound(number, "91" + digits, "Farhan", "wamid." + UUID.randomUUID(), "Hi",
                Instant.now().minus(Duration.ofHours(40))));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/inbox?view=all");
        Locator conversation = page.locator(".conversation").filter(new Locator.FilterOptions().setHasText("Farhan"));
        assertThat(conversation).isVisible();
        conversation.locator("a").click();

        assertThat(page.getByText("Only approved templates can be sent now.")).isVisible();
        assertThat(page.getByLabel("Reply")).hasCount(0);
        Locator picker = page.getByLabel("Approved template");
        assertThat(picker.locator("option")).hasCount(2);
        picker.selectOption("course_follow_up|en");
        assertThat(page.getByLabel("Parameter {{1}}")).isVisible();
        page.getByLabel("Parameter {{1}}").fill("Farhan");
        page.getByLabel("Parameter {{2}}").fill("MBA");
        assertAccessible();
        screenshot("inbox-window-closed-1280");
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions()
                .setName("Send template")).click();
        assertThat(page.locator(".message.outbound").last()).containsText("Hello Farhan, the MBA course list is ready.");
        page.setViewportSize(360, 780);
        screenshot("inbox-window-closed-360");
    }

    private Number connect(Org org) {
        Number number = new Number(id(), id(), "secret-" + UUID.randomUUID());
        api.post("/api/v1/admin/integrations/whatsapp/connect", org.adminToken(), Map.of("credentials", Map.of(
                "phone_number_id", number.phoneNumberId(), "waba_id", number.wabaId(), "access_token",
                "token-" + UUID.randomUUID(), "app_secret", number.appSecret()))).expect(200);
        return number;
    }

    private static String id() {
        return String.valueOf(200_000_000_000L + ThreadLocalRandom.current().nextLong(100_000_000_000L));
    }

    private void deliver(Number number, String body) {
        api.send(api.builder("/webhooks/whatsapp", null).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", signature(body, number.appSecret()))
                .POST(HttpRequest.BodyPublishers.ofString(body)), body).expect(200);
    }

    private static String inbound(Number number, String from, String name, String wamid, String text, Instant at) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"%s","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]}}]}]}
                """.formatted(number.wabaId(), number.phoneNumberId(), name, from, from, wamid, at.getEpochSecond(),
                text);
    }

    private static String status(Number number, String wamid, String status, Instant at) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"%s","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"919800000000"}]}}]}]}
                """.formatted(number.wabaId(), number.phoneNumberId(), wamid, status, at.getEpochSecond());
    }

    private static String signature(String body, String secret) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
