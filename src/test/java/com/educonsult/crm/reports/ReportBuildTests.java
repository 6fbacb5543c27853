package com.educonsult.crm.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ReportBuildTests extends ReportFixtures {

    @Test
    void templatesAreTheBuiltInOnesAndTheCallersSavedOnes() {
        Org org = registerOrganization();
        JsonNode templates = api.get("/api/v1/reports/templates", org.adminToken()).expect(200).data();
        List<String> ids = templates.valueStream().map(t -> t.get("id").asString()).toList();
        assertThat(ids).contains("lead_pipeline", "source_performance", "counselor_activity", "calls", "follow_ups",
                "sla", "conversions");

        JsonNode saved = api.post("/api/v1/reports/templates", org.adminToken(), Map.of("name", "Calls by type",
                "definition", Map.of("entity", "calls", "group_by", List.of("call_type")))).expect(201).data();
        assertThat(saved.get("built_in").asBoolean()).isFalse();
        String id = saved.get("id").asString();
        assertThat(api.get("/api/v1/reports/templates", org.adminToken()).data().valueStream()
                .map(t -> t.get("id").asString())).contains(id);

        TestUser manager = userWithRole(org, "manager");
        assertThat(api.get("/api/v1/reports/templates", manager.token()).data().valueStream()
                .map(t -> t.get("id").asString())).doesNotContain(id);
        api.delete("/api/v1/reports/templates/" + id, manager.token()).expect(404);
        assertThat(api.delete("/api/v1/reports/templates/lead_pipeline", org.adminToken()).expect(422).errorField())
                .isEqualTo("id");
        api.delete("/api/v1/reports/templates/" + id, org.adminToken()).expect(200);
        api.delete("/api/v1/reports/templates/" + id, org.adminToken()).expect(404);
    }

    @Test
    void aSavedTemplateWithABadColumnIsRefusedNamingIt() {
        Org org = registerOrganization();
        assertThat(api.post("/api/v1/reports/templates", org.adminToken(), Map.of("name", "Bad",
                "definition", Map.of("entity", "leads", "columns", List.of("name", "password_hash"))))
                .expect(422).errorField()).isEqualTo("columns[1]");
    }

    @Test
    void aRowReportPreviewsItsFirstRowsNewestFirst() {
        Consultancy c = consultancy(40);
        JsonNode preview = api.post("/api/v1/reports/build", c.org().adminToken(), Map.of("definition", Map.of(
                "entity", "leads", "columns", List.of("name", "status", "created_at"), "limit", 10)))
                .expect(200).data();
        assertThat(preview.get("columns").valueStream().map(col -> col.get("name").asString()))
                .containsExactly("name", "status", "created_at");
        assertThat(preview.get("rows")).hasSize(10);
        assertThat(preview.get("has_more").asBoolean()).isTrue();
        assertThat(preview.get("time_zone").asString()).isEqualTo("Asia/Kolkata");
        List<String> created = preview.get("rows").valueStream().map(r -> r.get(2).asString()).toList();
        assertThat(created).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void aGroupedReportEqualsPlainSqlOverTheBaseTables() {
        Consultancy c = consultancy(300);
        JsonNode preview = api.post("/api/v1/reports/build", c.org().adminToken(), Map.of("definition", Map.of(
                "entity", "calls", "group_by", List.of("user_id"),
                "aggregations", List.of(Map.of("function", "count"), Map.of("function", "sum", "field",
                        "duration_seconds"), Map.of("function", "max", "field", "duration_seconds")),
                "date_from", "2024-01-01"))).expect(200).data();
        Map<String, long[]> expected = new HashMap<>();
        tenancy.runAs(c.org().id(), () -> db.fetch("""
                select user_id, count(*), sum(duration_seconds), max(duration_seconds) from call_logs
                where organization_id = ? and called_at >= timestamp '2024-01-01' at time zone 'Asia/Kolkata'
                group by user_id""", c.org().id()).forEach(r -> expected.put(r.get(0).toString(),
                new long[] {r.get(1, Long.class), r.get(2, Long.class), r.get(3, Long.class)})));
        assertThat(preview.get("rows")).hasSize(expected.size());
        for (JsonNode row : preview.get("rows")) {
            long[] figures = expected.get(row.get(0).asString());
            assertThat(new long[] {row.get(1).asLong(), row.get(2).asLong(), row.get(3).asLong()})
                    .containsExactly(figures);
        }
    }

    @Test
    void monthBucketsAreMonthsOfTheOrganizationsTimeZone() {
        Consultancy c = consultancy(200);
        JsonNode preview = api.post("/api/v1/reports/build", c.org().adminToken(), Map.of("definition", Map.of(
                "entity", "leads", "date_bucket", "month", "aggregations", List.of(Map.of("function", "count")),
                "date_from", "2020-01-01"), "limit", 1000)).expect(200).data();
        Map<String, Long> expected = new HashMap<>();
        tenancy.runAs(c.org().id(), () -> db.fetch("""
                select date_trunc('month', created_at at time zone 'Asia/Kolkata')::date, count(*) from leads
                where organization_id = ? and deleted_at is null group by 1""", c.org().id())
                .forEach(r -> expected.put(r.get(0).toString(), r.get(1, Long.class))));
        Map<String, Long> answered = new HashMap<>();
        preview.get("rows").forEach(r -> answered.put(r.get(0).asString(), r.get(1).asLong()));
        assertThat(answered).isEqualTo(expected);
        List<String> periods = preview.get("rows").valueStream().map(r -> r.get(0).asString()).toList();
        assertThat(periods).isSorted();
    }

    @Test
    void aLeadCreatedJustBeforeMidnightInKolkataCountsOnThatDay() {
        Consultancy c = consultancy(1);
        tenancy.runAs(c.org().id(), () -> db.execute("update leads set created_at = ?::timestamptz where organization_id = ?",
                "2026-03-10T18:29:00Z", c.org().id()));
        JsonNode preview = api.post("/api/v1/reports/build", c.org().adminToken(), Map.of("definition", Map.of(
                "entity", "leads", "date_bucket", "day", "date_from", "2026-03-10", "date_to", "2026-03-11")))
                .expect(200).data();
        assertThat(preview.get("rows")).hasSize(1);
        assertThat(preview.get("rows").get(0).get(0).asString()).isEqualTo("2026-03-10");
        JsonNode next = api.post("/api/v1/reports/build", c.org().adminToken(), Map.of("definition", Map.of(
                "entity", "leads", "date_from", "2026-03-11", "date_to", "2026-03-11"))).expect(200).data();
        assertThat(next.get("rows")).isEmpty();
    }

    @Test
    void filtersNarrowTheRowsAsPlainSqlDoes() {
        Consultancy c = consultancy(120);
        JsonNode preview = api.post("/api/v1/reports/build", c.org().adminToken(), Map.of("definition", Map.of(
                "entity", "leads", "aggregations", List.of(Map.of("function", "count")),
                "filters", List.of(Map.of("field", "city", "op", "in", "values", List.of("Delhi", "Pune")),
                        Map.of("field", "priority", "op", "ne", "value", "cold"),
                        Map.of("field", "email", "op", "contains", "value", "1"))))).expect(200).data();
        long expected = sql(c.org(), "select count(*) from leads where organization_id = ? and deleted_at is null "
                + "and city in ('Delhi', 'Pune') and priority <> 'cold' and email ilike '%1%'", c.org().id());
        assertThat(preview.get("rows").get(0).get(0).asLong()).isEqualTo(expected);
    }

    @Test
    void everyRoleSeesOnlyItsScope() {
        Consultancy c = consultancy(200);
        Map<String, Object> body = Map.of("definition", Map.of("entity", "leads",
                "aggregations", List.of(Map.of("function", "count"))));
        long all = sql(c.org(), "select count(*) from leads where organization_id = ? and deleted_at is null",
                c.org().id());
        long branch = sql(c.org(), "select count(*) from leads where organization_id = ? and deleted_at is null "
                + "and (branch_id = ? or assigned_to = ?)", c.org().id(), c.branchId(), c.manager().id());
        long own = sql(c.org(), "select count(*) from leads where organization_id = ? and deleted_at is null "
                + "and assigned_to = ?", c.org().id(), c.counselor().id());
        assertThat(count(c.org().adminToken(), body)).isEqualTo(all);
        assertThat(count(c.manager().token(), body)).isEqualTo(branch).isLessThan(all);
        assertThat(count(c.counselor().token(), body)).isEqualTo(own).isPositive();

        Map<String, Object> calls = Map.of("definition", Map.of("entity", "calls", "group_by", List.of("user_id")));
        JsonNode rows = api.post("/api/v1/reports/build", c.counselor().token(), calls).expect(200).data().get("rows");
        assertThat(rows.valueStream().map(r -> r.get(0).asString())).containsOnly(c.counselor().id().toString());
        JsonNode managerRows = api.post("/api/v1/reports/build", c.manager().token(), calls).expect(200).data()
                .get("rows");
        assertThat(managerRows.valueStream().map(r -> r.get(0).asString()))
                .doesNotContain(c.otherCounselor().id().toString(), c.org().adminId().toString());
    }

    @Test
    void anEmptyOrganizationAnswersNoRowsNotAnError() {
        Org org = registerOrganization();
        for (String entity : List.of("leads", "calls", "activities", "tasks", "stages", "communications")) {
            JsonNode preview = api.post("/api/v1/reports/build", org.adminToken(), Map.of("definition", Map.of(
                    "entity", entity, "date_bucket", "week"))).expect(200).data();
            assertThat(preview.get("rows")).as(entity).isEmpty();
        }
        JsonNode total = api.post("/api/v1/reports/build", org.adminToken(), Map.of("template_id", "lead_pipeline"))
                .expect(200).data();
        assertThat(total.get("report_id").asString()).isEqualTo("lead_pipeline");
    }

    @Test
    void everyBuiltInTemplateBuilds() {
        Consultancy c = consultancy(50);
        for (String id : List.of("lead_pipeline", "source_performance", "counselor_activity", "calls", "follow_ups",
                "sla", "conversions")) {
            JsonNode preview = api.post("/api/v1/reports/build", c.org().adminToken(), Map.of("template_id", id,
                    "date_from", "2020-01-01")).expect(200).data();
            assertThat(preview.get("rows")).as(id).isNotEmpty();
        }
    }

    @Test
    void badNamesAreRefusedNamingTheField() {
        Org org = registerOrganization();
        assertThat(error(org, Map.of("entity", "users"))).isEqualTo("entity");
        assertThat(error(org, Map.of("entity", "leads", "columns", List.of("name", "nope")))).isEqualTo("columns[1]");
        assertThat(error(org, Map.of("entity", "leads", "filters", List.of(Map.of("field", "x", "op", "eq",
                "value", "1"))))).isEqualTo("filters[0].field");
        assertThat(error(org, Map.of("entity", "leads", "filters", List.of(Map.of("field", "city", "op", "like",
                "value", "1"))))).isEqualTo("filters[0].op");
        assertThat(error(org, Map.of("entity", "leads", "filters", List.of(Map.of("field", "total_calls", "op", "gt",
                "value", "many"))))).isEqualTo("filters[0].value");
        assertThat(error(org, Map.of("entity", "leads", "group_by", List.of("1; drop table leads"))))
                .isEqualTo("group_by[0]");
        assertThat(error(org, Map.of("entity", "leads", "aggregations", List.of(Map.of("function", "sum",
                "field", "city"))))).isEqualTo("aggregations[0].field");
        assertThat(error(org, Map.of("entity", "leads", "aggregations", List.of(Map.of("function", "median")))))
                .isEqualTo("aggregations[0].function");
        assertThat(error(org, Map.of("entity", "leads", "date_bucket", "year"))).isEqualTo("date_bucket");
        assertThat(error(org, Map.of("entity", "leads", "sort", List.of(Map.of("field", "phone")), "columns",
                List.of("name")))).isEqualTo("sort[0].field");
        assertThat(error(org, Map.of("entity", "leads", "date_from", "2026-02-01", "date_to", "2026-01-01")))
                .isEqualTo("date_to");
        assertThat(api.post("/api/v1/reports/build", org.adminToken(), Map.of("definition", Map.of("entity", "leads",
                "date_from", "yesterday"))).expect(400).errorField()).isEqualTo("date_from");
        assertThat(api.post("/api/v1/reports/build", org.adminToken(), Map.of("definition", Map.of("entity", "leads"),
                "sql", "select 1")).expect(422).errorField()).isEqualTo("sql");
        assertThat(api.post("/api/v1/reports/build", org.adminToken(), Map.of()).expect(422).errorField())
                .isEqualTo("definition");
        assertThat(api.post("/api/v1/reports/build", org.adminToken(), Map.of("definition", Map.of("entity", "leads"),
                "limit", 5000)).expect(422).errorField()).isEqualTo("limit");
    }

    @Test
    void withoutReportsReadNothingIsBuilt() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        api.get("/api/v1/reports/templates", agent.token()).expect(403);
        api.post("/api/v1/reports/build", agent.token(), Map.of("template_id", "lead_pipeline")).expect(403);
        api.get("/api/v1/reports/entities", agent.token()).expect(403);
        api.get("/api/v1/reports/templates", null).expect(401);
    }

    @Test
    void theEntitiesListNamesEveryColumnTheBuilderAccepts() {
        Org org = registerOrganization();
        JsonNode entities = api.get("/api/v1/reports/entities", org.adminToken()).expect(200).data();
        assertThat(entities.valueStream().map(e -> e.get("name").asString()))
                .containsExactly("leads", "calls", "activities", "tasks", "stages", "communications");
        assertThat(entities.get(1).get("time_column").asString()).isEqualTo("called_at");
    }

    private long count(String token, Map<String, Object> body) {
        JsonNode rows = api.post("/api/v1/reports/build", token, body).expect(200).data().get("rows");
        return rows.get(0).get(0).asLong();
    }

    private String error(Org org, Map<String, Object> definition) {
        return api.post("/api/v1/reports/build", org.adminToken(), Map.of("definition", definition)).expect(422)
                .errorField();
    }
}
