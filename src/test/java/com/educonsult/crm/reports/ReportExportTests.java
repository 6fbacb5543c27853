package com.educonsult.crm.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ReportExportTests extends ReportFixtures {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aCsvExportStreamsEveryRowOfTheCallersScope() throws Exception {
        Consultancy c = consultancy(150);
        Map<String, Object> body = Map.of("definition", Map.of("entity", "leads", "columns",
                List.of("id", "name", "status")), "format", "csv");
        Response response = api.post("/api/v1/reports/export", c.manager().token(), body).expect(200);
        assertThat(response.http().headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().get().parse(new StringReader(response.raw()))
                .getRecords();
        Set<String> expected = tenancy.callAs(c.org().id(), () -> db.fetch("select id::text from leads where "
                + "organization_id = ? and deleted_at is null and (branch_id = ? or assigned_to = ?)", c.org().id(),
                c.branchId(), c.manager().id()).intoSet(0, String.class));
        assertThat(rows.stream().map(r -> r.get("id")).collect(Collectors.toSet())).isEqualTo(expected);

        JsonNode history = api.get("/api/v1/reports/history", c.manager().token()).expect(200).data();
        assertThat(history.get(0).get("delivery").asString()).isEqualTo("download");
        assertThat(history.get(0).get("status").asString()).isEqualTo("completed");
        assertThat(history.get(0).get("rows_written").asLong()).isEqualTo(expected.size());
        assertThat(history.get(0).get("user_id").asString()).isEqualTo(c.manager().id().toString());
    }

    @Test
    void anXlsxExportHoldsTheGroupedReport() throws Exception {
        Consultancy c = consultancy(80);
        HttpResponse<byte[]> response = CLIENT.send(api.builder("/api/v1/reports/export", c.org().adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("template_id",
                        "lead_pipeline", "format", "xlsx")))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        long statuses = sql(c.org(), "select count(distinct status_id) from leads where organization_id = ? and "
                + "deleted_at is null", c.org().id());
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(response.body()))) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(0)).isEqualTo("Status");
            assertThat(rows).hasSize((int) statuses + 1);
            long total = rows.stream().skip(1).mapToLong(r -> r.getCellAsNumber(1).orElseThrow().longValue()).sum();
            assertThat(total).isEqualTo(80 - sql(c.org(), "select count(*) from leads where organization_id = ? "
                    + "and deleted_at is not null", c.org().id()));
        }
    }

    @Test
    void aPdfExportIsAPdfWithItsTableAndChart() throws Exception {
        Consultancy c = consultancy(60);
        HttpResponse<byte[]> response = CLIENT.send(api.builder("/api/v1/reports/export", c.org().adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("template_id", "calls",
                        "format", "pdf", "name", "Calls this year")))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow()).contains("calls-this-year.pdf");
        assertThat(new String(response.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(response.body().length).isGreaterThan(1_500);
    }

    @Test
    void anExportJobWritesTheFileBehindASignedLinkThatExpires() throws Exception {
        Consultancy c = consultancy(120);
        JsonNode run = api.post("/api/v1/reports/export", c.org().adminToken(), Map.of("definition", Map.of(
                "entity", "calls", "columns", List.of("id", "user", "duration_seconds")), "format", "csv",
                "delivery", "job")).expect(202).data();
        assertThat(run.get("status").asString()).isIn("queued", "running", "completed");
        JsonNode done = awaitRun(c.org().adminToken(), run.get("id").asString());
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("progress").asInt()).isEqualTo(100);
        long calls = sql(c.org(), "select count(*) from call_logs where organization_id = ?", c.org().id());
        assertThat(done.get("rows_written").asLong()).isEqualTo(calls);
        assertThat(Instant.parse(done.get("expires_at").asString())).isAfter(Instant.now().plus(Duration.ofDays(6)));

        String link = done.get("download_url").asString();
        HttpResponse<String> file = CLIENT.send(HttpRequest.newBuilder(URI.create(link)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body().lines().count()).isEqualTo(calls + 1);
        HttpResponse<String> tampered = CLIENT.send(HttpRequest.newBuilder(URI.create(link.replaceAll(
                "expires=\\d+", "expires=" + (Instant.now().getEpochSecond() + 999_999_999L)))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tampered.statusCode()).isEqualTo(403);

        Response download = api.get("/api/v1/analytics/export/download/" + run.get("id").asString(),
                c.org().adminToken()).expect(200);
        assertThat(download.raw().lines().count()).isEqualTo(calls + 1);

        tenancy.runAs(c.org().id(), () -> db.execute("update report_runs set expires_at = now() - interval '1 "
                + "minute' where organization_id = ? and id = ?::uuid", c.org().id(), run.get("id").asString()));
        api.get("/api/v1/analytics/export/download/" + run.get("id").asString(), c.org().adminToken()).expect(410);
        assertThat(api.get("/api/v1/reports/history/" + run.get("id").asString(), c.org().adminToken()).expect(200)
                .data().get("download_url").isNull()).isTrue();
    }

    @Test
    void seedTwoCustomReportAndExportUseTheSameMachinery() throws Exception {
        Consultancy c = consultancy(100);
        JsonNode report = api.post("/api/v1/analytics/custom-report", c.org().adminToken(), Map.of(
                "report_type", "lead_performance", "filters", Map.of("date_from", "2020-01-01",
                        "platform", "facebook"))).expect(200).data();
        long facebook = sql(c.org(), "select count(*) from leads where organization_id = ? and deleted_at is null "
                + "and platform = 'facebook'", c.org().id());
        assertThat(report.get("rows").valueStream().mapToLong(r -> r.get(1).asLong()).sum()).isEqualTo(facebook);
        assertThat(api.post("/api/v1/analytics/custom-report", c.org().adminToken(), Map.of("report_type", "magic"))
                .expect(422).errorField()).isEqualTo("report_type");
        assertThat(api.post("/api/v1/analytics/custom-report", c.org().adminToken(), Map.of("report_type", "calls",
                "filters", Map.of("platform", "facebook"))).expect(422).errorField()).isEqualTo("filters.platform");

        JsonNode export = api.post("/api/v1/analytics/export", c.org().adminToken(), Map.of("report_type",
                "lead_analytics", "format", "csv", "filters", Map.of("date_from", "2020-01-01"))).expect(202).data();
        String url = export.get("download_url").asString();
        assertThat(url).isEqualTo("/api/v1/analytics/export/download/" + export.get("id").asString());
        awaitRun(c.org().adminToken(), export.get("id").asString());
        Response file = api.get(url, c.org().adminToken()).expect(200);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().get().parse(new StringReader(file.raw()))
                .getRecords();
        assertThat(rows.stream().mapToLong(r -> Long.parseLong(r.get("count"))).sum()).isEqualTo(
                sql(c.org(), "select count(*) from leads where organization_id = ? and deleted_at is null and "
                        + "created_at >= timestamp '2020-01-01' at time zone 'Asia/Kolkata'", c.org().id()));
    }

    @Test
    void exportingNeedsReportsExport() {
        Consultancy c = consultancy(5);
        TestUser reader = userWithPermissions(c.org(), "reports:read", "leads:read", "calls:read");
        api.post("/api/v1/reports/build", reader.token(), Map.of("template_id", "calls")).expect(200);
        api.post("/api/v1/reports/export", reader.token(), Map.of("template_id", "calls", "format", "csv"))
                .expect(403);
        api.post("/api/v1/analytics/export", reader.token(), Map.of("report_type", "calls", "format", "csv"))
                .expect(403);
        assertThat(api.post("/api/v1/reports/export", c.org().adminToken(), Map.of("template_id", "calls",
                "format", "docx")).expect(422).errorField()).isEqualTo("format");
        assertThat(api.post("/api/v1/reports/export", c.org().adminToken(), Map.of("template_id", "calls",
                "format", "csv", "delivery", "fax")).expect(422).errorField()).isEqualTo("delivery");
        api.post("/api/v1/reports/export", c.org().adminToken(), Map.of("template_id", "0197a9a4-1111-7000-8000-"
                + "000000000000", "format", "csv")).expect(404);
    }

    @Test
    void anotherOrganizationsRunIsNotFound() {
        Consultancy c = consultancy(10);
        JsonNode run = api.post("/api/v1/reports/export", c.org().adminToken(), Map.of("template_id", "calls",
                "format", "csv", "delivery", "job")).expect(202).data();
        awaitRun(c.org().adminToken(), run.get("id").asString());
        Org other = registerOrganization();
        api.get("/api/v1/reports/history/" + run.get("id").asString(), other.adminToken()).expect(404);
        api.get("/api/v1/analytics/export/download/" + run.get("id").asString(), other.adminToken()).expect(404);
        assertThat(api.get("/api/v1/reports/history", other.adminToken()).expect(200).data()).isEmpty();
        // a manager sees the runs of their branch's users, not the admin's
        api.get("/api/v1/reports/history/" + run.get("id").asString(), c.manager().token()).expect(404);
    }
}
