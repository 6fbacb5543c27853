package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import tools.jackson.databind.JsonNode;

class LeadExportTests extends LeadApiTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Autowired
    RequestMappingHandlerAdapter adapter;

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
    void theTickedLeadsAreExportedByTheirIdsAndALeadOutsideTheScopeIsLeftOut() throws IOException {
        Org org = registerOrganization();
        UUID pune = branch(org, "Pune", "PUN");
        UUID delhi = branch(org, "Delhi", "DEL");
        UUID asha = createLead(org.adminToken(), Map.of("first_name", "Asha", "branch_id", pune));
        createLead(org.adminToken(), Map.of("first_name", "Bina", "branch_id", pune));
        UUID chetan = createLead(org.adminToken(), Map.of("first_name", "Chetan", "branch_id", delhi));
        TestUser manager = userWithRole(org, "manager", pune);

        String ticked = asha + "," + chetan;
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().get().parse(new StringReader(
                api.get("/api/v1/leads/export?ids=" + ticked, manager.token()).expect(200).raw())).getRecords();
        assertThat(rows.stream().map(r -> r.get("first_name")).toList()).containsExactly("Asha");
        assertThat(api.get("/api/v1/leads?ids=" + ticked, org.adminToken()).expect(200).data())
                .extracting(lead -> lead.get("first_name").asString()).containsExactlyInAnyOrder("Asha", "Chetan");

        assertThat(api.get("/api/v1/leads?ids=" + asha + ",not-an-id", org.adminToken()).expect(422).raw())
                .contains("ids");
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

    @Test
    void aCsvExportWritesEachValueAsTheLeadShowsItWithCrlfLineEnds() throws IOException {
        Setup s = setup();
        JsonNode asha = api.get("/api/v1/leads/by-phone/9876500101", s.org().adminToken()).expect(200).data().get(0);

        String csv = api.get("/api/v1/leads/export?priority=hot&branch_id=" + asha.get("branch_id").asString(),
                s.org().adminToken()).expect(200).raw();

        assertThat(csv).startsWith(String.join(",", ExportColumns.names()) + "\r\n");
        assertThat(csv.replace("\r\n", "")).doesNotContain("\n");
        CSVRecord row = CSVFormat.DEFAULT.builder().setHeader().get().parse(new StringReader(csv)).getRecords()
                .getFirst();
        assertThat(row.get("id")).isEqualTo(asha.get("id").asString());
        assertThat(row.get("created_at")).isEqualTo(OffsetDateTime.parse(asha.get("created_at").asString())
                .withOffsetSameInstant(ZoneOffset.UTC).toString());
        assertThat(row.get("updated_at")).isEqualTo(OffsetDateTime.parse(asha.get("updated_at").asString())
                .withOffsetSameInstant(ZoneOffset.UTC).toString());
        assertThat(row.get("last_name")).isEmpty();
        assertThat(row.get("interested_courses")).isEmpty();
        assertThat(row.get("branch_id")).isEqualTo(asha.get("branch_id").asString());
    }

    @Test
    void anExportIsNotCutByTheServersRequestTimeout() throws Exception {
        Org org = registerOrganization();
        int leads = 3_000;
        seedLeads(org, leads, "");
        Object configured = ReflectionTestUtils.getField(adapter, "asyncRequestTimeout");
        long timeout = 1;
        adapter.setAsyncRequestTimeout(timeout);
        try {
            long started = System.nanoTime();
            HttpResponse<InputStream> response = CLIENT.send(api.builder("/api/v1/leads/export", org.adminToken())
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            long lines;
            try (InputStream body = response.body()) {
                lines = new String(body.readAllBytes(), StandardCharsets.UTF_8).lines().count();
            }
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(tookMillis).isGreaterThan(timeout);
            assertThat(lines).isEqualTo(leads + 1);
        } finally {
            ReflectionTestUtils.setField(adapter, "asyncRequestTimeout", configured);
        }
    }

    @Test
    void anExportThatFailsMidwayEndsTheConnectionWithoutTheClosingChunk() throws Exception {
        Org org = registerOrganization();
        // 40 MB: more than every buffer between PostgreSQL and this socket can hold, however the kernel tunes them
        int leads = 10_000;
        seedLeads(org, leads, "x".repeat(4_000));
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4_096);
            socket.connect(new InetSocketAddress("localhost", port));
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET /api/v1/leads/export HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + org.adminToken() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            received.write(in.readNBytes(1_024));
            // the client reads no more: the server's copy fills every buffer and waits on the client
            Integer exporter = awaitBlockedCopy(org);
            assertThat(exporter).as("the export's COPY waiting to write").isNotNull();
            tenancy.runAs(org.id(), () -> db.fetch("select pg_terminate_backend(?)", exporter));
            try {
                in.transferTo(received);
            } catch (IOException reset) {
                // a reset connection is an incomplete answer too
            }
            String answer = received.toString(StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 200");
            assertThat(answer).contains("Transfer-Encoding: chunked");
            assertThat(answer).doesNotEndWith("\r\n0\r\n\r\n");
            long rows = answer.split(",manual,", -1).length - 1;
            assertThat(rows).isPositive().isLessThan(leads);
        }
    }

    /**
     * The backend of the export (the only one running: tests run one at a time; the query's text is cut before it
     * names the organization) once it waits for the client to read; null after 20 s.
     */
    private Integer awaitBlockedCopy(Org org) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            Object pid = tenancy.callAs(org.id(), () -> db.fetchValue("select pid from pg_stat_activity "
                    + "where query like 'copy (select%' and wait_event = 'ClientWrite' limit 1"));
            if (pid != null) {
                return ((Number) pid).intValue();
            }
            Thread.sleep(50);
        }
        return null;
    }

    /** Leads made in one statement, each with the given source details (to make rows wide). */
    private void seedLeads(Org org, int count, String details) {
        tenancy.runAs(org.id(), () -> db.execute("""
                insert into leads (organization_id, status_id, first_name, phone, source_details)
                select ?, (select id from lead_statuses where organization_id = ? and is_default), 'Lead ' || n,
                       '+9197' || lpad(n::text, 8, '0'), nullif(?, '')
                from generate_series(1, ?) as n""", org.id(), org.id(), details, count));
    }

    private UUID branch(Org org, String name, String code) {
        return UUID.fromString(api.post("/api/v1/branches", org.adminToken(), Map.of("name", name, "code", code))
                .expect(201).data().get("id").asString());
    }
}
