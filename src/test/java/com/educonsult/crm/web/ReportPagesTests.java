package com.educonsult.crm.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.BrowserTest;
import com.educonsult.crm.support.LeadVolumes;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportPagesTests extends BrowserTest {

    @Test
    void aReportIsBuiltWithALivePreviewAndDownloaded() throws IOException {
        Org org = registerOrganization();
        new LeadVolumes(db, tenancy).generate(org.id(), org.adminId(), null, org.adminId(), 60, unique("p"));
        long leads = tenancy.callAs(org.id(), () -> ((Number) db.fetchValue("select count(*) from leads where "
                + "organization_id = ? and deleted_at is null", org.id())).longValue());
        signIn(org.slug(), org.adminEmail(), PASSWORD);

        page.navigate("/");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Reports")).click();
        assertThat(page).hasURL(Pattern.compile("/reports$"));
        assertThat(page.locator("#report-preview")).containsText("rows");

        page.locator("#report-group").selectOption("platform");
        assertThat(page.locator("#report-preview .report-table thead")).containsText("Platform");
        assertThat(page.locator("#report-preview .report-table thead")).containsText("Count");
        assertThat(page.locator("#report-preview canvas[data-drawn=true]")).hasCount(1);
        List<String> counts = page.locator("#report-preview tbody td.num").allTextContents();
        assertThat(counts.stream().mapToLong(Long::parseLong).sum()).isEqualTo(leads);
        assertAccessible();
        screenshot("reports-builder-1280");

        Download csv = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("CSV")).click());
        List<String> lines = Files.readAllLines(csv.path());
        assertThat(lines.getFirst()).isEqualTo("platform,count");
        assertThat(lines.stream().skip(1).mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(',') + 1))).sum())
                .isEqualTo(leads);
        Download pdf = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("PDF")).click());
        assertThat(new String(Files.readAllBytes(pdf.path()), 0, 5)).isEqualTo("%PDF-");

        page.navigate("/reports");
        assertThat(page.locator("article[aria-labelledby=history-title] tbody tr")).hasCount(2);

        page.locator("#report-template").selectOption("calls");
        assertThat(page.locator("#report-preview .report-table thead")).containsText("User");
        page.setViewportSize(360, 780);
        screenshot("reports-builder-360");
    }

    @Test
    void aReportIsScheduledPausedAndDeleted() {
        Org org = registerOrganization();
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/reports?template=lead_pipeline");
        assertThat(page.locator("#report-schedules")).containsText("No schedules yet");

        page.locator("#schedule-name").fill("Monday pipeline");
        page.locator("#schedule-frequency").selectOption("weekly");
        page.locator("#schedule-time").fill("08:30");
        page.locator("#schedule-recipients").fill("not-an-address");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule")).click();
        assertThat(page.locator("#schedule-errors")).containsText("must be an email address");

        page.locator("#schedule-recipients").fill("owner@consultancy.example");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule")).click();
        assertThat(page.locator("#report-schedules tbody tr")).hasCount(1);
        assertThat(page.locator("#report-schedules")).containsText("Monday pipeline");
        assertThat(page.locator("#report-schedules")).containsText("owner@consultancy.example");
        String definition = api.get("/api/v1/reports/scheduled", org.adminToken()).expect(200).data().get(0)
                .get("definition").get("group_by").get(0).asString();
        assertThat(definition).isEqualTo("status");
        assertAccessible();
        screenshot("reports-schedules-1280");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pause")).click();
        assertThat(page.locator("#report-schedules")).containsText("Paused");
        assertThat(api.get("/api/v1/reports/scheduled", org.adminToken()).data().get(0).get("status").asString())
                .isEqualTo("paused");

        page.onDialog(dialog -> dialog.accept());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete")).click();
        assertThat(page.locator("#report-schedules")).containsText("No schedules yet");
        assertThat(api.get("/api/v1/reports/scheduled", org.adminToken()).data()).isEmpty();
    }

    @Test
    void aCounselorBuildsAndDownloadsTheirOwnReportButIsNotOfferedASchedule() throws IOException {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser other = userWithRole(org, "counselor");
        new LeadVolumes(db, tenancy).generate(org.id(), org.adminId(), null, counselor.id(), 30, unique("c"));
        // a third of the leads to each counselor, the rest to the admin
        tenancy.runAs(org.id(), () -> db.execute("update leads set assigned_to = case abs(hashtext(id::text)) % 3 "
                + "when 0 then ?::uuid when 1 then ?::uuid else assigned_to end where organization_id = ?",
                counselor.id(), other.id(), org.id()));
        long own = tenancy.callAs(org.id(), () -> ((Number) db.fetchValue("select count(*) from leads where "
                + "organization_id = ? and deleted_at is null and assigned_to = ?", org.id(), counselor.id()))
                .longValue());
        assertThat(own).isBetween(3L, 25L);
        signIn(org.slug(), counselor.email(), PASSWORD);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Reports")).click();
        page.locator("#report-group").selectOption("status");
        assertThat(page.locator("#report-preview .report-table thead")).containsText("Count");
        List<String> counts = page.locator("#report-preview tbody td.num").allTextContents();
        assertThat(counts.stream().mapToLong(Long::parseLong).sum()).isEqualTo(own);
        assertThat(page.locator("#report-schedules-card")).hasCount(0);
        assertAccessible();
        screenshot("reports-counselor-1280");

        Download csv = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("CSV")).click());
        assertThat(Files.readAllLines(csv.path()).stream().skip(1)
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(',') + 1))).sum()).isEqualTo(own);
    }
}
