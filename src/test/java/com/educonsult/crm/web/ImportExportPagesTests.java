package com.educonsult.crm.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.BrowserTest;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportExportPagesTests extends BrowserTest {

    private static final String CSV = "Name,Mobile No,Email,City\n"
            + "Asha Rao,9876500601,asha@example.test,Pune\n"
            + "Existing Again,9876500602,,Goa\n"
            + ",9876500603,,Delhi\n"
            + "Kiran Shah,9876500604,not-an-email,Surat\n"
            + "Meera Iyer,9876500605,,Chennai\n";

    @Test
    void aFileIsPreviewedMappedImportedWithProgressAndItsRejectedRowsDownloaded() throws IOException {
        Org org = registerOrganization();
        createLead(org.adminToken(), Map.of("first_name", "Existing", "phone", "9876500602"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);

        page.navigate("/leads");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Import").setExact(true)).click();
        page.getByLabel("CSV file").setInputFiles(file("students.csv", CSV));

        Locator preview = page.locator(".preview-table tbody tr");
        assertThat(preview).hasCount(5);
        assertThat(preview.nth(0)).containsText("New lead");
        assertThat(preview.nth(1)).containsText("Duplicate, skipped");
        assertThat(preview.nth(2)).containsText("first_name");
        assertThat(preview.nth(3)).containsText("email");
        assertThat(column("Mobile No")).hasValue("phone");
        assertAccessible();
        screenshot("import-preview-1280");

        column("City").selectOption("");
        assertThat(page.locator(".preview-table thead")).not().containsText("City");
        column("Name").selectOption("city");
        assertThat(page.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions().setHasText("Cannot import yet")))
                .isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import 5 rows"))).hasCount(0);
        column("Name").selectOption("full_name");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import 5 rows")).click();

        assertThat(page.locator(".import-progress .badge")).hasText("Completed");
        assertThat(page.locator("#import-progress-label")).hasText("5 of 5 rows");
        assertThat(page.locator(".import-counts")).containsText("New leads");
        assertAccessible();
        screenshot("import-done-1280");
        Download report = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
                new Page.GetByRoleOptions().setName("Download the rows with errors (CSV)")).click());
        String rejected = Files.readString(report.path(), StandardCharsets.UTF_8);
        assertThat(rejected).contains("first_name").contains("not-an-email");

        page.navigate("/leads/import");
        page.getByLabel("CSV file").setInputFiles(file("next-week.csv", CSV));
        assertThat(column("City")).hasValue("");
        assertThat(column("Mobile No")).hasValue("phone");
    }

    @Test
    void theFilteredListIsExportedWithARunningCount() throws IOException {
        Org org = registerOrganization();
        createLead(org.adminToken(), Map.of("first_name", "Zubin", "last_name", "Export", "phone", "9876500611"));
        createLead(org.adminToken(), Map.of("first_name", "Other", "phone", "9876500612"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/leads?search=Zubin");
        assertThat(page.locator(".leads-table tbody tr")).hasCount(1);

        Download download = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Export CSV")).click());

        String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
        assertThat(csv.lines().count()).isEqualTo(2);
        assertThat(csv).contains("Zubin").doesNotContain("Other");
        assertThat(download.suggestedFilename()).endsWith(".csv");
        assertThat(page.locator("#export-status")).hasText("Exported 1 lead.");
    }

    @Test
    void theTickedLeadsAreExportedWithoutTheRestOfTheList() throws IOException {
        Org org = registerOrganization();
        createLead(org.adminToken(), Map.of("first_name", "Ticked", "last_name", "One", "phone", "9876500621"));
        createLead(org.adminToken(), Map.of("first_name", "Ticked", "last_name", "Two", "phone", "9876500622"));
        createLead(org.adminToken(), Map.of("first_name", "Left", "last_name", "Alone", "phone", "9876500623"));
        signIn(org.slug(), org.adminEmail(), PASSWORD);
        page.navigate("/leads?sort=name");
        assertThat(page.locator(".leads-table tbody tr")).hasCount(3);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Export ticked")).click();
        assertThat(page.locator("#export-status")).hasText("Tick the leads to export first.");
        page.getByLabel("Tick Ticked One").check();
        page.getByLabel("Tick Ticked Two").check();
        Download download = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Export ticked")).click());

        String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
        assertThat(csv.lines().count()).isEqualTo(3);
        assertThat(csv).contains("Ticked").doesNotContain("Alone");
        assertThat(page.locator("#export-status")).hasText("Exported 2 leads.");
    }

    @Test
    void aCounselorMayNeitherImportNorExport() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        signIn(org.slug(), counselor.email(), PASSWORD);

        page.navigate("/leads");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Import").setExact(true)))
                .hasCount(0);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Export CSV"))).hasCount(0);
        assertThat(page.navigate("/leads/import").status()).isEqualTo(403);
        assertThat(page.navigate("/leads/export?format=csv").status()).isEqualTo(403);
    }

    private Locator column(String name) {
        return page.getByLabel(name, new Page.GetByLabelOptions().setExact(true));
    }

    private static FilePayload file(String name, String content) {
        return new FilePayload(name, "text/csv", content.getBytes(StandardCharsets.UTF_8));
    }
}
