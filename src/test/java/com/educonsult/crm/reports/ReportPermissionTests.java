package com.educonsult.crm.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.LeadVolumes;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Who may report by default: counselors build and export over their own leads; scheduling is managers' and up. */
class ReportPermissionTests extends ReportFixtures {

    private static final Map<String, Object> SCHEDULE = Map.of("name", "Daily calls", "template_id", "calls",
            "format", "csv", "frequency", "daily", "time", "08:00", "recipients", List.of("team@example.com"));

    @Test
    void aNewOrganizationsCounselorBuildsAndExportsReportsOfOnlyTheirOwnLeads() throws Exception {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser other = userWithRole(org, "counselor");
        new LeadVolumes(db, tenancy).generate(org.id(), org.adminId(), null, counselor.id(), 60, unique("p"));
        // a third of the leads to each counselor, the rest to the admin
        tenancy.runAs(org.id(), () -> db.execute("update leads set assigned_to = case abs(hashtext(id::text)) % 3 "
                + "when 0 then ?::uuid when 1 then ?::uuid else assigned_to end where organization_id = ?",
                counselor.id(), other.id(), org.id()));
        Set<String> own = tenancy.callAs(org.id(), () -> db.fetch("select id::text from leads where organization_id = ? "
                + "and deleted_at is null and assigned_to = ?", org.id(), counselor.id()).intoSet(0, String.class));
        assertThat(own).hasSizeBetween(5, 40);
        Map<String, Object> definition = Map.of("entity", "leads", "columns", List.of("id", "assigned_to"));

        JsonNode preview = api.post("/api/v1/reports/build", counselor.token(), Map.of("definition", definition,
                "limit", 1000)).expect(200).data();
        assertThat(preview.get("rows").valueStream().map(r -> r.get(0).asString()).collect(Collectors.toSet()))
                .isEqualTo(own);

        String csv = api.post("/api/v1/reports/export", counselor.token(), Map.of("definition", definition,
                "format", "csv")).expect(200).raw();
        assertThat(CSVFormat.DEFAULT.builder().setHeader().get().parse(new StringReader(csv)).getRecords().stream()
                .map(r -> r.get("id")).collect(Collectors.toSet())).isEqualTo(own);

        JsonNode grouped = api.post("/api/v1/reports/build", counselor.token(), Map.of("template_id",
                "lead_pipeline")).expect(200).data();
        int count = grouped.get("columns").size() - 1;
        assertThat(grouped.get("rows").valueStream().mapToLong(r -> r.get(count).asLong()).sum())
                .isEqualTo(own.size());
    }

    @Test
    void aCounselorCannotScheduleReportsByDefaultWhileAManagerCan() {
        Org org = registerOrganization();
        UUID branch = UUID.fromString(api.post("/api/v1/branches", org.adminToken(),
                Map.of("name", "East " + unique("b"))).expect(201).data().get("id").asString());
        TestUser counselor = userWithRole(org, "counselor", branch);
        TestUser manager = userWithRole(org, "manager", branch);

        api.post("/api/v1/reports/schedule", counselor.token(), SCHEDULE).expect(403);
        api.get("/api/v1/reports/scheduled", counselor.token()).expect(403);
        String id = api.post("/api/v1/reports/schedule", manager.token(), SCHEDULE).expect(201).data().get("id")
                .asString();
        api.patch("/api/v1/reports/scheduled/" + id, counselor.token(), Map.of("status", "paused")).expect(403);
        api.delete("/api/v1/reports/scheduled/" + id, counselor.token()).expect(403);
        api.post("/api/v1/reports/schedule", org.adminToken(), SCHEDULE).expect(201);
    }

    @Test
    void aCustomRoleThatExportsButDoesNotScheduleIsRefusedTheSchedule() {
        Consultancy c = consultancy(5);
        TestUser exporter = userWithPermissions(c.org(), "reports:read", "reports:export", "calls:read");
        api.post("/api/v1/reports/export", exporter.token(), Map.of("template_id", "calls", "format", "csv"))
                .expect(200);
        api.post("/api/v1/reports/schedule", exporter.token(), SCHEDULE).expect(403);
    }
}
