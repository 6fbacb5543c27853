package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

class LeadExportTests extends LeadApiTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private record Setup(Org org, TestUser manager) {
    }

    /** Leads in the manager's branch (one hot, one cold) and a hot one in another branch. */
    private Setup setup() {
        Org org = registerOrganization();
        UUID pune = branch(org, "Pune", "PUN");
        UUID delhi = branch(org, "Delhi", "DEL");
        createLead(org.adminToken(), Map.of("first_name", "Asha", "phone", "9876500101", "priority", "hot",
                "branch_id", pune, "tags", List.of("fair"), "utm_source", "fb"));
        createLead(org.adminToken(), Map.of("first_name", "Bina", "priority", "cold", "branch_id", pune));
        createLead(org.adminToken(), Map.of("first_name", "Chetan", "priority", "hot", "branch_id", delhi));
        return new Setup(org, userWithRole(org, "manager", pune));
    }

    @Test
    void aManagerExportsAsCsvExactlyTheFilteredLeadsOfTheirBranch() throws IOException {
        Setup s = setup();

        var response = api.get("/api/v1/leads/export?format=csv&priority=hot", s.manager().token()).expect(200);

        assertThat(response.http().headers().firstValue("Content-Disposition").orElseThrow())
                .matches("attachment; filename=leads-\\d{4}-\\d{2}-\\d{2}\\.csv");
        assertThat(response.http().headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().get().parse(new StringReader(response.raw()))
                .getRecords();
        assertThat(rows).hasSize(1);
        CSVRecord asha = rows.getFirst();
        assertThat(asha.get("first_name")).isEqualTo("Asha");
        assertThat(asha.get("phone")).isEqualTo("+919876500101");
        assertThat(asha.get("status_name")).isNotBlank();
        assertThat(asha.get("status")).isEqualTo("new");
        assertThat(asha.get("tags")).isEqualTo("fair");
        assertThat(asha.get("utm_source")).isEqualTo("fb");
        assertThat(asha.get("created_at")).isNotBlank();

        List<CSVRecord> all = CSVFormat.DEFAULT.builder().setHeader().get().parse(new StringReader(
                api.get("/api/v1/leads/export?sort=name", s.manager().token()).expect(200).raw())).getRecords();
        assertThat(all.stream().map(r -> r.get("first_name")).toList()).containsExactly("Asha", "Bina");
        assertThat(api.get("/api/v1/leads/export", s.org().adminToken()).expect(200).raw().lines().count())
                .isEqualTo(4);
    }

    @Test
    void anXlsxExportHoldsTheSameLeads() throws Exception {
        Setup s = setup();

        HttpResponse<byte[]> response = CLIENT.send(api.builder("/api/v1/leads/export?format=xlsx&sort=name",
                s.manager().token()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow()).endsWith(".xlsx");
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(response.body()))) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(rows).hasSize(3);
            int firstName = ExportColumns.names().indexOf("first_name");
            assertThat(rows.get(0).getCellText(firstName)).isEqualTo("first_name");
            assertThat(rows.get(1).getCellText(firstName)).isEqualTo("Asha");
            assertThat(rows.get(2).getCellText(firstName)).isEqualTo("Bina");
        }
    }

    @Test
    void anExportIsAudited() {
        Setup s = setup();

        api.get("/api/v1/leads/export?priority=hot", s.org().adminToken()).expect(200);

        String after = tenancy.callAs(s.org().id(), () -> db.fetchValue(
                "select after::text from audit_logs where organization_id = ? and action = 'lead.exported'",
                s.org().id())).toString();
        assertThat(after).contains("\"rows\": 2", "hot", "csv");
    }

    @Test
    void anAgentMayNotExportAndABadFormatOrFilterIsRefusedBeforeStreaming() {
        Setup s = setup();
        TestUser agent = userWithRole(s.org(), "agent");

        api.get("/api/v1/leads/export", agent.token()).expect(403);
        assertThat(api.get("/api/v1/leads/export?format=pdf", s.org().adminToken()).expect(400).errorField())
                .isEqualTo("format");
        assertThat(api.get("/api/v1/leads/export?status=nope", s.org().adminToken()).expect(422).errorField())
                .isEqualTo("status");
        assertThat(api.get("/api/v1/leads/export?sort=height", s.org().adminToken()).expect(422).errorField())
                .isEqualTo("sort");
        api.get("/api/v1/leads/export?include_deleted=true", s.manager().token()).expect(403);
    }

    private UUID branch(Org org, String name, String code) {
        return UUID.fromString(api.post("/api/v1/branches", org.adminToken(), Map.of("name", name, "code", code))
                .expect(201).data().get("id").asString());
    }
}
