package com.educonsult.crm.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.BrowserTest;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConsoleSignInTests extends BrowserTest {

    @Test
    void signingInOpensTheDashboardAndSigningOutEndsTheSession() {
        Org org = registerOrganization();
        signIn(org.slug(), org.adminEmail(), PASSWORD);

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Dashboard"))).isVisible();
        assertThat(page.locator(".user-text")).containsText("Ada Admin");
        Cookie session = context.cookies().stream().filter(c -> c.name.equals("crm_session")).findFirst().orElseThrow();
        assertThat(session.httpOnly).isTrue();
        assertThat(session.sameSite.name()).isEqualTo("LAX");
        assertAccessible();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(page).hasURL(Pattern.compile("/login"));
        page.navigate("/leads");
        assertThat(page).hasURL(Pattern.compile("/login\\?next="));
    }

    @Test
    void theLoginPageRemembersTheOrganizationAndSaysWhatIsWrong() {
        Org org = registerOrganization();
        page.navigate("/login");
        assertAccessible();
        page.getByLabel("Organization").fill(org.slug());
        page.getByLabel("Email or phone").fill(org.adminEmail());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.locator("#password-error")).hasText("Enter your password");

        page.getByLabel("Password").fill("not-the-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("do not match");

        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(page.getByLabel("Organization")).hasValue(org.slug());
    }

    @Test
    void revokingTheSessionFromTheApiEndsTheBrowserSessionAtOnce() {
        Org org = registerOrganization();
        signIn(org.slug(), org.adminEmail(), PASSWORD);

        JsonNode sessions = api.get("/api/v1/users/sessions", org.adminToken()).expect(200).data();
        String consoleSession = null;
        for (JsonNode session : sessions) {
            if ("Web console".equals(session.get("device_name").asString())) {
                consoleSession = session.get("id").asString();
            }
        }
        assertThat(consoleSession).as("the browser's session is a row of the sessions table").isNotNull();
        api.delete("/api/v1/users/sessions/" + consoleSession + "/revoke", org.adminToken()).expect(200);

        page.navigate("/leads");
        assertThat(page).hasURL(Pattern.compile("/login"));
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Your session has ended");
    }

    @Test
    void aFormSentAfterTheSessionEndedIsFilledInAgainAfterSigningIn() {
        Org org = registerOrganization();
        String lead = api.post("/api/v1/leads", org.adminToken(), java.util.Map.of("first_name", "Tara"))
                .expect(201).data().get("id").asString();
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/leads/" + lead);
        page.getByLabel("Note (optional)").fill("Spoke to her father, call back Monday");
        endConsoleSessions(org);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change status")).click();
        assertThat(page).hasURL(Pattern.compile("/login"));
        page.getByLabel("Email or phone").fill(org.adminEmail());
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

        assertThat(page).hasURL(Pattern.compile("/leads/" + lead + "$"));
        assertThat(page.getByLabel("Note (optional)")).hasValue("Spoke to her father, call back Monday");
        assertThat(page.locator("#flash")).containsText("What you typed is back");
        assertThat(api.get("/api/v1/leads/" + lead + "/timeline", org.adminToken()).expect(200).raw())
                .doesNotContain("call back Monday");
    }

    private void endConsoleSessions(Org org) {
        for (JsonNode session : api.get("/api/v1/users/sessions", org.adminToken()).expect(200).data()) {
            if ("Web console".equals(session.get("device_name").asString())) {
                api.delete("/api/v1/users/sessions/" + session.get("id").asString() + "/revoke", org.adminToken())
                        .expect(200);
            }
        }
    }

    @Test
    void tenWrongPasswordsLockTheAccountAsTheApiDoesAndThePageSaysWhatToDo() {
        Org org = registerOrganization();
        page.navigate("/login");
        for (int attempt = 1; attempt <= 10; attempt++) {
            page.getByLabel("Organization").fill(org.slug());
            page.getByLabel("Email or phone").fill(org.adminEmail());
            page.getByLabel("Password").fill("Wrong-password-" + attempt);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page.getByRole(AriaRole.ALERT).first()).isVisible();
        }

        page.getByLabel("Email or phone").fill(org.adminEmail());
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

        assertThat(page).hasURL(Pattern.compile("/login"));
        assertThat(page.getByRole(AriaRole.ALERT).first()).containsText("locked for 15 minutes");
        assertThat(page.getByRole(AriaRole.ALERT).first()).containsText("Forgot your password?");
        api.post("/api/v1/auth/login", null, java.util.Map.of("email", org.adminEmail(), "password", PASSWORD,
                "organization_slug", org.slug())).expect(423);
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() {
        Org org = registerOrganization();
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        var answer = page.request().post(baseUrl() + "/leads/new",
                com.microsoft.playwright.options.RequestOptions.create().setForm(
                        com.microsoft.playwright.options.FormData.create().set("first_name", "Forged"))
                        .setMaxRedirects(0));
        assertThat(answer.status()).isIn(302, 403);
        assertThat(api.get("/api/v1/leads?search=Forged", org.adminToken()).expect(200).data().size()).isZero();
    }

    @Test
    void anUnknownAddressIsTheNotFoundPage() {
        Org org = registerOrganization();
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        var answer = page.navigate("/no-such-page");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Not found"))).isVisible();
        assertThat(page.content()).doesNotContain("\"status\"");
        assertAccessible();
    }

    @Test
    void aForgottenPasswordIsResetWithACodeSentToTheAccount() {
        Org org = registerOrganization();
        page.navigate("/login");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Forgot your password?")).click();
        page.getByLabel("Organization").fill(org.slug());
        page.getByLabel("Email or phone").fill(org.adminEmail());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the code")).click();
        assertAccessible();

        page.getByLabel("Code").fill("000000");
        page.getByLabel("New password").fill("Brand-New-Pass-77");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set the new password")).click();
        assertThat(page.locator("#code-error")).isVisible();

        page.getByLabel("Code").fill(lastCodeSentTo(org.adminEmail()));
        page.getByLabel("New password").fill("Brand-New-Pass-77");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set the new password")).click();
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("password is changed");
        signIn(org.slug(), org.adminEmail(), "Brand-New-Pass-77");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Dashboard"))).isVisible();
    }

    private String lastCodeSentTo(String recipient) {
        String body = db.select(com.educonsult.crm.jooq.Tables.RECORDED_MESSAGES.BODY)
                .from(com.educonsult.crm.jooq.Tables.RECORDED_MESSAGES)
                .where(com.educonsult.crm.jooq.Tables.RECORDED_MESSAGES.RECIPIENT.eq(recipient))
                .orderBy(com.educonsult.crm.jooq.Tables.RECORDED_MESSAGES.CREATED_AT.desc())
                .limit(1)
                .fetchSingle(com.educonsult.crm.jooq.Tables.RECORDED_MESSAGES.BODY);
        var matcher = java.util.regex.Pattern.compile("\\b(\\d{6})\\b").matcher(body);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
