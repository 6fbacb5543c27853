package com.educonsult.crm.web;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.integrations.meta.MetaFakes;
import com.educonsult.crm.support.BrowserTest;
import com.educonsult.crm.support.FakeProviders;
import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Facebook page of the console against the fake Graph API: Meta's dialog is answered by the test (it sends
 * the browser back with a code, as Meta does), the code is exchanged, a page chosen and connected, a form mapped,
 * and a lead that failed is shown with its reason and replayed.
 */
class MetaLeadAdsPagesTests extends BrowserTest {

    @Test
    void anAdminConnectsAPageThroughMetasDialogMapsAFormAndSeesTheLeadsWithTheirStatus() {
        Org org = registerOrganization();
        MetaFakes.FakePage fake = MetaFakes.page("Horizon Study Abroad");
        String code = "code-" + fake.pageId();
        FakeProviders.server().stubFor(get(urlPathEqualTo(MetaFakes.GRAPH + "/oauth/access_token"))
                .withQueryParam("code", equalTo(code))
                .willReturn(okJson("{\"access_token\":\"" + fake.userToken() + "\",\"token_type\":\"bearer\"}")));
        // Meta's dialog: the person agrees, and Meta sends the browser back with a code and the state it was given
        // (the browser does not route a redirect's target, so the answer of our connect button is read here)
        page.route("**/settings/integrations/facebook/connect", (Route route) -> {
            String dialog = route.fetch(new Route.FetchOptions().setMaxRedirects(0)).headers().get("location");
            assertThat(dialog).startsWith("https://www.facebook.com/v21.0/dialog/oauth?");
            Map<String, String> parameters = new java.util.HashMap<>();
            for (String pair : URI.create(dialog).getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                parameters.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            assertThat(parameters.get("client_id")).isEqualTo("100200300");
            route.fulfill(new Route.FulfillOptions().setStatus(302).setHeaders(Map.of("Location",
                    parameters.get("redirect_uri") + "?code=" + code + "&state="
                            + URLEncoder.encode(parameters.get("state"), StandardCharsets.UTF_8))));
        });
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.onDialog(Dialog::accept);

        page.navigate("/settings/integrations/facebook");
        assertAccessible();
        assertThat(page.locator(".meta-pages")).containsText("No page is connected");
        button("Connect Facebook").click();

        assertThat(page.locator("h1")).hasText("Choose the pages to connect");
        assertAccessible();
        page.getByLabel("Horizon Study Abroad").check();
        screenshot("settings-facebook-choose-1280");
        button("Connect the chosen pages").click();

        assertThat(page.locator(".notice.success")).containsText("The page is connected");
        Locator row = page.locator(".meta-pages tbody tr", new Page.LocatorOptions().setHasText("Horizon Study Abroad"));
        assertThat(row).containsText("Receiving leads");
        assertThat(row).containsText("Study abroad 2027");
        assertThat(page.content()).doesNotContain(fake.pageToken());

        row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Study abroad 2027")).click();
        assertThat(page.locator("h1")).hasText("Study abroad 2027");
        assertAccessible();
        assertThat(page.getByLabel("Full name", new Page.GetByLabelOptions().setExact(true)))
                .hasValue("full_name");
        page.getByLabel("Which course?").selectOption("intake_preference");
        button("Save the mapping").click();
        assertThat(page.locator(".notice.success")).containsText("The mapping is saved");
        assertThat(page.getByLabel("Which course?")).hasValue("intake_preference");
        screenshot("settings-facebook-form-1280");
        assertThat(api.get("/api/v1/admin/integrations/facebook/forms/" + fake.formId(), org.adminToken())
                .expect(200).data().get("customized").asBoolean()).isTrue();

        String failing = MetaFakes.id();
        MetaFakes.leadFails(failing, 500, 0);
        String body = MetaFakes.delivery(fake.pageId(), fake.formId(), failing);
        api.send(api.builder("/webhooks/facebook", null).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", MetaFakes.signature(body))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)), body).expect(200);
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && !api.get("/api/v1/admin/integrations/facebook/deliveries"
                + "?status=failed", org.adminToken()).expect(200).raw().contains(failing)) {
            page.waitForTimeout(250);
        }

        page.navigate("/settings/integrations/facebook");
        Locator delivery = page.locator(".meta-deliveries tbody tr", new Page.LocatorOptions().setHasText(failing));
        assertThat(delivery).containsText("Failed");
        assertThat(delivery).containsText("The Graph API answered 500");
        assertAccessible();
        screenshot("settings-facebook-1280");
        page.setViewportSize(360, 780);
        screenshot("settings-facebook-360");
        page.setViewportSize(1280, 860);

        MetaFakes.lead(fake, failing, "Nisha Kapoor", "+91 93000 44455", "nisha@example.com", "Jaipur", "MBBS");
        delivery.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Replay lead " + failing)).click();
        assertThat(page.locator(".notice.success")).containsText("being processed again");
        deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && api.get("/api/v1/admin/integrations/facebook/deliveries"
                + "?status=processed", org.adminToken()).expect(200).data().isEmpty()) {
            page.waitForTimeout(250);
        }
        page.reload();
        assertThat(page.locator(".meta-deliveries tbody tr", new Page.LocatorOptions().setHasText(failing)))
                .containsText("New lead");

        page.locator(".meta-pages tbody tr").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Disconnect Horizon Study Abroad")).click();
        assertThat(page.locator(".notice.success")).containsText("is disconnected");
        assertThat(page.locator(".meta-pages")).containsText("No page is connected");
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
