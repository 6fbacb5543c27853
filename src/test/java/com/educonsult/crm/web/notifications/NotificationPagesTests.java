package com.educonsult.crm.web.notifications;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.BrowserTest;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NotificationPagesTests extends BrowserTest {

    private Locator bellBadge() {
        return page.locator("#bell-count .bell-badge");
    }

    private Locator button(Locator within, String name) {
        return within.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name));
    }

    @Test
    void aLeadAssignedInAnotherSessionRingsTheBellLiveAndIsMarkedRead() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        signIn(org.slug(), counselor.email(), PASSWORD);
        page.navigate("/follow-ups");
        assertThat(page.locator("#live-indicator")).hasClass(Pattern.compile("connected"));
        assertThat(page.locator("#bell-count")).hasAttribute("data-unread", "0");
        assertThat(bellBadge()).hasCount(0);

        UUID lead = createLead(org.adminToken(), Map.of("first_name", "Nisha", "last_name", "Varma",
                "phone", "+919812300011"));
        api.post("/api/v1/assignments/assign", org.adminToken(), Map.of("lead_id", lead.toString(),
                "assigned_to", counselor.id().toString(), "reason", "Asked for Canada")).expect(200);

        assertThat(bellBadge()).hasText("1");
        page.locator("#bell summary").click();
        Locator panel = page.locator(".bell-panel");
        Locator item = panel.locator(".bell-item").first();
        assertThat(item).containsText("New lead for you: Nisha Varma");
        assertThat(item).containsText("Asked for Canada");
        assertThat(item).hasClass(Pattern.compile("unread"));
        assertAccessible();
        screenshot("notifications-bell-1280");

        button(item, "Mark read: New lead for you: Nisha Varma").click();
        assertThat(panel.locator(".bell-item").first()).hasClass(Pattern.compile("\\bread\\b"));
        assertThat(bellBadge()).hasCount(0);
        assertThat(page.locator("#bell-count")).hasAttribute("data-unread", "0");

        page.keyboard().press("Escape");
        assertThat(panel).isHidden();
        page.locator(".bell-item a, #bell summary").first().isVisible();
        assertThat(api.get("/api/v1/notifications?unread=true", counselor.token()).expect(200).data()).isEmpty();

        page.setViewportSize(360, 780);
        api.post("/api/v1/notifications", org.adminToken(), Map.of("user_id", counselor.id().toString(),
                "title", "Team meeting at 4 pm", "body", "In the Kochi office", "priority", "urgent")).expect(201);
        assertThat(bellBadge()).hasText("1");
        page.locator("#bell summary").click();
        assertThat(panel.locator(".bell-item").first()).containsText("Team meeting at 4 pm");
        screenshot("notifications-bell-360");
    }

    @Test
    void theNavigationShowsTheUnreadTotalAndKeepsItLive() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        for (String title : new String[] {"Welcome aboard", "Fee deadline moved"}) {
            api.post("/api/v1/notifications", org.adminToken(), Map.of("user_id", counselor.id().toString(),
                    "title", title)).expect(201);
        }
        signIn(org.slug(), counselor.email(), PASSWORD);
        page.navigate("/leads");
        Locator navBadge = page.locator("#nav a[href='/notifications'] .nav-badge");
        assertThat(navBadge).hasText("2");
        assertThat(page.getByRole(AriaRole.LINK, new com.microsoft.playwright.Page.GetByRoleOptions()
                .setName("Notifications 2 unread"))).isVisible();
        assertThat(page.locator("#live-indicator")).hasClass(Pattern.compile("connected"));

        api.post("/api/v1/notifications", org.adminToken(), Map.of("user_id", counselor.id().toString(),
                "title", "Visa workshop on Friday")).expect(201);
        assertThat(navBadge).hasText("3");
        assertAccessible();
        screenshot("notifications-nav-badge-1280");

        api.post("/api/v1/notifications/read-all", counselor.token(), "").expect(200);
        assertThat(navBadge).hasCount(0);
        assertThat(page.locator("#nav-unread")).hasAttribute("data-unread", "0");
        page.navigate("/notifications");
        assertThat(navBadge).hasCount(0);
        assertThat(page.locator("#nav a[href='/notifications']")).hasAttribute("aria-current", "page");
    }

    @Test
    void theNotificationsPageListsMarksAndDeletes() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        for (String title : new String[] {"Welcome aboard", "Fee deadline moved", "Visa workshop on Friday"}) {
            api.post("/api/v1/notifications", org.adminToken(), Map.of("user_id", counselor.id().toString(),
                    "title", title, "body", "Details of " + title.toLowerCase(), "action_url", "/follow-ups"))
                    .expect(201);
        }
        signIn(org.slug(), counselor.email(), PASSWORD);
        page.onDialog(dialog -> dialog.accept());

        page.navigate("/notifications");
        Locator rows = page.locator(".notification-list > li");
        assertThat(rows).hasCount(3);
        assertThat(rows.first()).containsText("Visa workshop on Friday");
        assertThat(page.getByRole(AriaRole.LINK, new com.microsoft.playwright.Page.GetByRoleOptions()
                .setName(Pattern.compile("^Unread")))).containsText("3");
        assertAccessible();
        screenshot("notifications-page-1280");

        button(rows.first(), "Mark read: Visa workshop on Friday").click();
        assertThat(rows.first()).hasClass(Pattern.compile("\\bread\\b"));
        assertThat(bellBadge()).hasText("2");

        button(page.locator(".notification-list > li").nth(1), "Delete: Fee deadline moved").click();
        assertThat(rows).hasCount(2);
        assertThat(page.locator(".notification-list")).not().containsText("Fee deadline moved");

        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Mark all read"))
                .click();
        assertThat(page.locator(".notice.success")).containsText("1 notification marked read.");
        page.navigate("/notifications?show=unread");
        assertThat(page.locator(".notifications-page .empty-state")).containsText("Nothing unread.");

        page.setViewportSize(360, 780);
        page.navigate("/notifications");
        assertAccessible();
        screenshot("notifications-page-360");
    }

    @Test
    void preferencesAreSavedAndQuietHoursExplainTheirMistakes() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        signIn(org.slug(), counselor.email(), PASSWORD);

        page.navigate("/notifications/preferences");
        assertAccessible();
        page.getByLabel("A lead is assigned to you: push").uncheck();
        page.getByLabel("A new inquiry arrives: email").check();
        page.getByLabel("Keep quiet hours").check();
        page.getByLabel("From", new com.microsoft.playwright.Page.GetByLabelOptions().setExact(true)).fill("21:30");
        page.getByLabel("Until", new com.microsoft.playwright.Page.GetByLabelOptions().setExact(true)).fill("21:30");
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions()
                .setName("Save preferences")).click();
        assertThat(page.locator("#quiet-end-error")).containsText("must differ from start");
        assertThat(page.getByLabel("A lead is assigned to you: push")).not().isChecked();
        screenshot("notification-preferences-error-1280");

        page.getByLabel("Until", new com.microsoft.playwright.Page.GetByLabelOptions().setExact(true)).fill("07:00");
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions()
                .setName("Save preferences")).click();
        assertThat(page.locator(".notice.success")).containsText("Preferences saved.");
        var saved = api.get("/api/v1/notifications/preferences", counselor.token()).expect(200).data();
        assertThat(saved.get("quiet_hours").get("start").asString()).isEqualTo("21:30");
        assertThat(saved.get("quiet_hours").get("end").asString()).isEqualTo("07:00");
        saved.get("kinds").forEach(k -> {
            if (k.get("kind").asString().equals("lead_assigned")) {
                assertThat(k.get("push").asBoolean()).isFalse();
            }
            if (k.get("kind").asString().equals("new_inquiry")) {
                assertThat(k.get("email").asBoolean()).isTrue();
            }
        });
        page.setViewportSize(360, 780);
        page.navigate("/notifications/preferences");
        screenshot("notification-preferences-360");
    }

    @Test
    void administratorsSeeThePushesRecordedInsteadOfSent() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        api.post("/api/v1/employee/updateFCM", counselor.token(), Map.of("fcmToken", "phone-token-abcdef123456"))
                .expect(200);
        api.post("/api/v1/notifications", org.adminToken(), Map.of("user_id", counselor.id().toString(),
                "title", "Push to record")).expect(201);
        signIn(org.slug(), org.adminEmail(), PASSWORD);

        page.navigate("/notifications/deliveries");
        Locator row = page.locator(".delivery-table tbody tr").first();
        assertThat(row).containsText("Push to record");
        assertThat(row).containsText(Pattern.compile("Waiting|Recorded"));
        page.waitForCondition(() -> {
            page.reload();
            return page.locator(".delivery-table tbody tr").first().textContent().contains("Recorded");
        }, new com.microsoft.playwright.Page.WaitForConditionOptions().setTimeout(30_000));
        assertAccessible();
        screenshot("notification-deliveries-1280");

        context.clearCookies();
        signIn(org.slug(), counselor.email(), PASSWORD);
        assertThat(page.navigate("/notifications/deliveries").status()).isEqualTo(403);
    }

    @Test
    void anAdministratorSendsANotificationToARole() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        userWithRole(org, "agent");
        signIn(org.slug(), org.adminEmail(), PASSWORD);

        page.navigate("/notifications/send");
        page.getByLabel("Everyone with a role", new com.microsoft.playwright.Page.GetByLabelOptions().setExact(true)).check();
        page.getByLabel("Role (with “Everyone with a role”)").selectOption("counselor");
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Send")
                .setExact(true)).click();
        assertThat(page.locator("#send-title-error")).containsText("Title");
        assertAccessible();
        screenshot("notification-send-error-1280");

        page.getByLabel("Title", new com.microsoft.playwright.Page.GetByLabelOptions().setExact(true)).fill("Submit your weekly report by 6 pm");
        page.getByLabel("Priority", new com.microsoft.playwright.Page.GetByLabelOptions().setExact(true)).selectOption("high");
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Send")
                .setExact(true)).click();
        assertThat(page.locator(".notice.success")).containsText("Sent to 1 person.");

        var received = api.get("/api/v1/notifications", counselor.token()).expect(200).data();
        assertThat(received.get(0).get("title").asString()).isEqualTo("Submit your weekly report by 6 pm");
        assertThat(received.get(0).get("priority").asString()).isEqualTo("high");
        page.setViewportSize(360, 780);
        screenshot("notification-send-360");
    }
}
