package com.educonsult.crm.web;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.jooq.tables.records.LeadsRecord;
import com.educonsult.crm.support.BrowserTest;
import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The form builder, and a form embedded in a page of another site, sent by a visitor, found as a lead. */
class WebFormPagesTests extends BrowserTest {

    @Test
    void aFormBuiltInTheConsoleAndEmbeddedInAnotherSitesPageBringsItsLead() throws IOException {
        Org org = registerOrganization();
        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String siteOrigin = "http://127.0.0.1:" + site.getAddress().getPort();
        try {
            signIn(org.slug(), org.adminEmail(), PASSWORD);
            page.onDialog(Dialog::accept);
            page.navigate("/settings/integrations/forms");
            assertAccessible();
            screenshot("settings-web-forms-1280");
            button("Add the form").click();
            assertThat(page.locator("#new-form-name-error")).containsText("required");

            field("Name").fill("Spring MBA page");
            button("Add the form").click();
            assertThat(page.locator("h1")).hasText("Spring MBA page");
            assertThat(page.locator(".notice.success")).containsText("The form is ready");

            field("Sites allowed to send it").fill("not a site");
            field("Field 8 name").fill("course");
            field("Field 8 label").fill("Course");
            page.getByLabel("Field 8 type").selectOption("select");
            button("Save the form").click();
            assertThat(page.locator("#wf-origins-error")).containsText("must be an origin");
            assertThat(page.locator("#wf-f7-options-error")).containsText("Options are required for a select field");
            assertThat(field("Field 8 name")).hasValue("course");
            screenshot("settings-web-form-builder-refused-1280");
            field("Field 8 options, separated by commas").fill("MBA, MS in Data Science");

            field("Sites allowed to send it").fill(siteOrigin);
            field("Thank-you message").fill("Thank you, Spring MBA team will call you today.");
            field("Field 6 name").fill("city");
            field("Field 6 label").fill("City");
            page.getByLabel("Field 6 fills").selectOption("city");
            button("Save the form").click();
            assertThat(page.locator(".notice.success")).containsText("Saved");
            assertThat(page.locator(".web-form-preview label", new Page.LocatorOptions().setHasText("City")))
                    .isVisible();
            assertAccessible();
            screenshot("settings-web-form-builder-1280");
            page.setViewportSize(360, 800);
            screenshot("settings-web-form-builder-360");
            page.setViewportSize(1280, 860);

            String snippet = page.locator("#snippet").inputValue();
            assertThat(snippet).contains("data-educonsult-form").contains("/forms/");
            site.createContext("/landing", exchange -> {
                byte[] html = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>MBA in Canada"
                        + "</title></head><body><main><h1>MBA in Canada</h1>" + snippet + "</main></body></html>")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, html.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(html);
                }
            });
            site.start();

            page.navigate(siteOrigin + "/landing?utm_source=google&utm_medium=cpc&utm_campaign=mba-spring");
            Locator send = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send"));
            send.click();
            assertThat(page.locator("[aria-invalid=true]").first()).isFocused();
            assertThat(page.getByText("Please fill in Full name.")).isVisible();
            assertAccessible();
            page.getByLabel("Full name").fill("Nisha Verma");
            page.getByLabel("Phone").fill("+91 98450 12345");
            page.getByLabel("City").fill("Bengaluru");
            page.getByLabel("Course").selectOption("MBA");
            page.getByLabel("You may contact me about my enquiry").check();
            page.keyboard().press("Enter");
            assertThat(page.getByText("Thank you, Spring MBA team will call you today.")).isVisible();
            screenshot("web-form-embedded-sent-1280");

            LeadsRecord lead = tenancy.callAs(org.id(), () -> db.selectFrom(LEADS)
                    .where(LEADS.PHONE.eq("+919845012345")).fetchOne());
            assertThat(lead.getFirstName()).isEqualTo("Nisha");
            assertThat(lead.getCity()).isEqualTo("Bengaluru");
            assertThat(lead.getUtmCampaign()).isEqualTo("mba-spring");
            assertThat(lead.getPageUrl()).startsWith(siteOrigin + "/landing");
            assertThat(lead.getConsentAt()).isNotNull();
            assertThat(lead.getSourceDetails()).contains("Course: MBA");

            page.navigate("/settings/integrations/forms");
            page.setViewportSize(360, 800);
            screenshot("settings-web-forms-360");
            page.setViewportSize(1280, 860);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Spring MBA page")).click();
            assertThat(page.locator("tbody .badge", new Page.LocatorOptions().setHasText("New lead"))).isVisible();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Open the lead")).click();
            assertThat(page.locator("h1")).containsText("Nisha");
        } finally {
            site.stop(0);
        }
    }

    private Locator field(String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
