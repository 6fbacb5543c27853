package com.educonsult.crm.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class ReportScheduleTests extends ReportFixtures {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern LINK = Pattern.compile("(http\\S+/files/\\S+)");

    @Autowired
    ReportSchedules schedules;

    @Test
    void aScheduleIsCreatedListedChangedAndDeleted() {
        Org org = registerOrganization();
        JsonNode created = api.post("/api/v1/reports/schedule", org.adminToken(), Map.of("name", "Weekly calls",
                "template_id", "calls", "format", "pdf", "frequency", "weekly", "time", "09:30", "day_of_week", 1,
                "recipients", List.of("Boss@Example.com"))).expect(201).data();
        assertThat(created.get("recipients").get(0).asString()).isEqualTo("boss@example.com");
        assertThat(created.get("period").asString()).isEqualTo("previous_7_days");
        assertThat(created.get("time_zone").asString()).isEqualTo("Asia/Kolkata");
        OffsetDateTime next = OffsetDateTime.parse(created.get("next_run").asString());
        var local = next.atZoneSameInstant(ZoneId.of("Asia/Kolkata"));
        assertThat(local.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
        assertThat(local.toLocalTime()).isEqualTo(java.time.LocalTime.of(9, 30));
        assertThat(next).isAfter(OffsetDateTime.now());

        String id = created.get("id").asString();
        assertThat(api.get("/api/v1/reports/scheduled", org.adminToken()).expect(200).data().valueStream()
                .map(s -> s.get("id").asString())).containsExactly(id);
        JsonNode paused = api.patch("/api/v1/reports/scheduled/" + id, org.adminToken(), Map.of("status", "paused",
                "frequency", "monthly", "day_of_month", 5, "time", "07:00")).expect(200).data();
        assertThat(paused.get("status").asString()).isEqualTo("paused");
        assertThat(paused.get("day_of_week").isNull()).isTrue();
        var monthly = OffsetDateTime.parse(paused.get("next_run").asString())
                .atZoneSameInstant(ZoneId.of("Asia/Kolkata"));
        assertThat(monthly.getDayOfMonth()).isEqualTo(5);
        assertThat(monthly.toLocalTime()).isEqualTo(java.time.LocalTime.of(7, 0));
        assertThat(api.patch("/api/v1/reports/scheduled/" + id, org.adminToken(), Map.of("time", "25:00"))
                .expect(422).errorField()).isEqualTo("time");
        assertThat(api.raw("PATCH", "/api/v1/reports/scheduled/" + id, org.adminToken(), "application/json",
                "{\"recipients\": null}").expect(422).errorField()).isEqualTo("recipients");

        Org other = registerOrganization();
        api.get("/api/v1/reports/scheduled/" + id, other.adminToken()).expect(404);
        api.patch("/api/v1/reports/scheduled/" + id, other.adminToken(), Map.of("status", "active")).expect(404);
        api.delete("/api/v1/reports/scheduled/" + id, other.adminToken()).expect(404);

        api.delete("/api/v1/reports/scheduled/" + id, org.adminToken()).expect(200);
        api.get("/api/v1/reports/scheduled/" + id, org.adminToken()).expect(404);
    }

    @Test
    void aBadScheduleIsRefusedNamingTheField() {
        Org org = registerOrganization();
        Map<String, Object> good = Map.of("name", "Daily", "template_id", "lead_pipeline", "format", "csv",
                "frequency", "daily", "time", "08:00", "recipients", List.of("a@example.com"));
        assertThat(field(org, good, "frequency", "hourly")).isEqualTo("frequency");
        assertThat(field(org, good, "time", "8 am")).isEqualTo("time");
        assertThat(field(org, good, "format", "doc")).isEqualTo("format");
        assertThat(field(org, good, "recipients", List.of("not-an-email"))).isEqualTo("recipients[0]");
        assertThat(field(org, good, "period", "forever")).isEqualTo("period");
        assertThat(field(org, Map.of("name", "W", "template_id", "calls", "format", "csv", "frequency", "weekly",
                "time", "08:00", "recipients", List.of("a@example.com")), "day_of_week", 9)).isEqualTo("day_of_week");
        TestUser agent = userWithRole(org, "agent");
        api.post("/api/v1/reports/schedule", agent.token(), good).expect(403);
        api.get("/api/v1/reports/scheduled", agent.token()).expect(403);
    }

    @Test
    void aDueScheduleRunByTwoNodesAtOnceSendsOneMail() throws Exception {
        Consultancy c = consultancy(40);
        String recipient = unique("once") + "@example.com";
        String id = api.post("/api/v1/reports/schedule", c.org().adminToken(), Map.of("name", "Pipeline",
                "template_id", "lead_pipeline", "format", "csv", "frequency", "daily", "time", "08:00",
                "recipients", List.of(recipient))).expect(201).data().get("id").asString();
        makeDue(c.org(), id);

        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<Integer>> nodes = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            nodes.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return schedules.runDue(100);
            }));
        }
        nodes.forEach(CompletableFuture::join);
        schedules.runDue(100);

        assertThat(mailsTo(c.org(), recipient)).hasSize(1);
        JsonNode runs = api.get("/api/v1/reports/history?schedule_id=" + id, c.org().adminToken()).expect(200).data();
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("delivery").asString()).isEqualTo("schedule");
        assertThat(runs.get(0).get("status").asString()).isEqualTo("completed");
        JsonNode schedule = api.get("/api/v1/reports/scheduled/" + id, c.org().adminToken()).expect(200).data();
        assertThat(OffsetDateTime.parse(schedule.get("next_run").asString())).isAfter(OffsetDateTime.now());
        assertThat(schedule.get("last_run_at").isNull()).isFalse();
    }

    @Test
    void aCounselorsScheduledReportHoldsOnlyTheirLeadsAndStopsWhenTheirPermissionIsRevoked() throws Exception {
        Consultancy c = consultancy(200);
        String recipient = unique("mine") + "@example.com";
        String id = api.post("/api/v1/reports/schedule", c.counselor().token(), Map.of("name", "My leads",
                "definition", Map.of("entity", "leads", "columns", List.of("id", "assigned_to")), "format", "csv",
                "frequency", "daily", "time", "07:00", "period", "all", "recipients", List.of(recipient)))
                .expect(201).data().get("id").asString();
        makeDue(c.org(), id);
        schedules.runDue(100);

        List<String> mails = mailsTo(c.org(), recipient);
        assertThat(mails).hasSize(1);
        Matcher link = LINK.matcher(mails.get(0));
        assertThat(link.find()).isTrue();
        HttpResponse<String> file = CLIENT.send(HttpRequest.newBuilder(URI.create(link.group(1))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(file.statusCode()).isEqualTo(200);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().get().parse(new StringReader(file.body()))
                .getRecords();
        Set<String> own = tenancy.callAs(c.org().id(), () -> db.fetch("select id::text from leads where "
                + "organization_id = ? and deleted_at is null and assigned_to = ?", c.org().id(), c.counselor().id())
                .intoSet(0, String.class));
        assertThat(own).isNotEmpty();
        assertThat(rows.stream().map(r -> r.get("id")).collect(Collectors.toSet())).isEqualTo(own);
        assertThat(rows).allSatisfy(r -> assertThat(r.get("assigned_to")).isEqualTo(c.counselor().id().toString()));

        revoke(c.org(), "counselor", "reports:read");
        awaitForbidden(c.counselor().token());
        makeDue(c.org(), id);
        schedules.runDue(100);
        assertThat(mailsTo(c.org(), recipient)).hasSize(1);
        JsonNode runs = api.get("/api/v1/reports/history?schedule_id=" + id, c.org().adminToken()).expect(200).data();
        assertThat(runs.get(0).get("status").asString()).isEqualTo("failed");
        assertThat(runs.get(0).get("error").asString()).contains("may no longer read, export and schedule reports");
        assertThat(api.get("/api/v1/reports/scheduled/" + id, c.org().adminToken()).data().get("last_error")
                .asString()).contains("may no longer");
    }

    @Test
    void aManagerSeesTheSchedulesOfTheirBranchButChangesOnlyTheirOwn() {
        Consultancy c = consultancy(5);
        String counselors = api.post("/api/v1/reports/schedule", c.org().adminToken(), Map.of("name", "Admin's",
                "template_id", "calls", "format", "csv", "frequency", "daily", "time", "08:00",
                "recipients", List.of("a@example.com"))).expect(201).data().get("id").asString();
        String managers = api.post("/api/v1/reports/schedule", c.manager().token(), Map.of("name", "Manager's",
                "template_id", "calls", "format", "csv", "frequency", "daily", "time", "08:00",
                "recipients", List.of("m@example.com"))).expect(201).data().get("id").asString();
        assertThat(api.get("/api/v1/reports/scheduled", c.manager().token()).data().valueStream()
                .map(s -> s.get("id").asString())).containsExactly(managers);
        api.patch("/api/v1/reports/scheduled/" + counselors, c.manager().token(), Map.of("status", "paused"))
                .expect(404);
        assertThat(api.get("/api/v1/reports/scheduled", c.org().adminToken()).data()).hasSize(2);
        api.patch("/api/v1/reports/scheduled/" + managers, c.org().adminToken(), Map.of("status", "paused"))
                .expect(200);
    }

    private void makeDue(Org org, String id) {
        tenancy.runAs(org.id(), () -> db.execute("update report_schedules set next_run_at = now() - interval "
                + "'1 minute' where organization_id = ? and id = ?::uuid", org.id(), id));
    }

    private List<String> mailsTo(Org org, String recipient) {
        return tenancy.callAs(org.id(), () -> db.fetch("select body from communications where organization_id = ? "
                + "and to_address = ? and type = 'email'", org.id(), recipient).getValues(0, String.class));
    }

    private void awaitForbidden(String token) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (api.get("/api/v1/reports/templates", token).status() != 403
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
    }

    private String field(Org org, Map<String, Object> body, String name, Object value) {
        Map<String, Object> changed = new java.util.HashMap<>(body);
        changed.put(name, value);
        return api.post("/api/v1/reports/schedule", org.adminToken(), changed).expect(422).errorField();
    }

    static UUID uuid(String text) {
        return UUID.fromString(text);
    }
}
