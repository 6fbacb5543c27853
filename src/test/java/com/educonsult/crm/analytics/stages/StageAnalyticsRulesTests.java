package com.educonsult.crm.analytics.stages;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jooq.Record;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The rules every analytics, stage and activity metric endpoint follows: the permission, the range's validation,
 * the organization's days, zeros for an empty organization, and ids of another organization not found.
 */
class StageAnalyticsRulesTests extends ApiTest {

    @Autowired
    @FlywayDataSource
    private DataSource owner;

    static final List<String> PATHS = List.of("/api/v1/analytics/dashboard", "/api/v1/analytics/leads",
            "/api/v1/analytics/platforms", "/api/v1/analytics/users", "/api/v1/analytics/time-based",
            "/api/v1/analytics/activities", "/api/v1/analytics/sla-compliance", "/api/v1/stages/performance-metrics",
            "/api/v1/stages/user-performance", "/api/v1/stages/transition-matrix", "/api/v1/stages/sla-violations",
            "/api/v1/stages/conversion-rates", "/api/v1/stages/summary", "/api/v1/stages/status-statistics",
            "/api/v1/stages/sla-compliance", "/api/v1/stages/workflow-efficiency",
            "/api/v1/stages/bottleneck-analysis", "/api/v1/activities/user-performance",
            "/api/v1/activities/priority-distribution");

    @Test
    void everyEndpointNeedsTheAnalyticsPermission() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        PATHS.forEach(path -> api.get(path, agent.token()).expect(403));
        PATHS.forEach(path -> api.get(path, null).expect(401));
    }

    @Test
    void anEmptyOrganizationAnswersZeros() {
        Org org = registerOrganization();
        PATHS.forEach(path -> api.get(path, org.adminToken()).expect(200));
        JsonNode leads = api.get("/api/v1/analytics/leads", org.adminToken()).data();
        assertThat(leads.get("total_leads").asLong()).isZero();
        assertThat(leads.get("conversion_rate").asDouble()).isZero();
        JsonNode dashboard = api.get("/api/v1/analytics/dashboard", org.adminToken()).data();
        assertThat(dashboard.get("range").asString()).isEqualTo("30d");
        assertThat(dashboard.get("communication_stats").get("total").asLong()).isZero();
        assertThat(dashboard.get("trends").get("leads_change").isNull()).isTrue();
        assertThat(api.get("/api/v1/stages/sla-violations", org.adminToken()).data().get("total").asLong()).isZero();
        assertThat(api.get("/api/v1/stages/transition-matrix", org.adminToken()).data().get("transitions")).isEmpty();
        assertThat(api.get("/api/v1/activities/priority-distribution", org.adminToken()).data()
                .findValues("total_activities")).allMatch(n -> n.asLong() == 0);
    }

    @Test
    void aBadDateIsA400AndAnEndBeforeTheStartA422NamingTheField() {
        Org org = registerOrganization();
        PATHS.forEach(path -> {
            assertThat(api.get(path + "?date_from=2026-13-01", org.adminToken()).expect(400).errorField())
                    .isEqualTo("date_from");
            assertThat(api.get(path + "?date_from=2026-03-10&date_to=2026-03-01", org.adminToken()).expect(422)
                    .errorField()).isEqualTo("date_to");
        });
        assertThat(api.get("/api/v1/analytics/dashboard?range=12d", org.adminToken()).expect(422).errorField())
                .isEqualTo("range");
        assertThat(api.get("/api/v1/analytics/time-based?group_by=year", org.adminToken()).expect(422).errorField())
                .isEqualTo("group_by");
        assertThat(api.get("/api/v1/stages/sla-violations?limit=0", org.adminToken()).expect(422).errorField())
                .isEqualTo("limit");
        assertThat(api.get("/api/v1/stages/summary?branch_id=nope", org.adminToken()).expect(400).errorField())
                .isEqualTo("branch_id");
        assertThat(api.get("/api/v1/stages/summary?platform=web", org.adminToken()).expect(422).errorField())
                .isEqualTo("platform");
    }

    @Test
    void idsOfAnotherOrganizationAreNotFound() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID otherBranch = tenancy.callAs(other.id(), () -> db.fetchSingle(
                "insert into branches (organization_id, name) values (?, 'Elsewhere') returning id", other.id())
                .get(0, UUID.class));
        String otherStatus = tenancy.callAs(other.id(), () -> db.fetchSingle(
                "select id from lead_statuses where organization_id = ? limit 1", other.id()).get(0, String.class));
        api.get("/api/v1/stages/performance-metrics?branch_id=" + otherBranch, org.adminToken()).expect(404);
        api.get("/api/v1/stages/sla-violations?user_id=" + other.adminId(), org.adminToken()).expect(404);
        api.get("/api/v1/analytics/leads?status=" + otherStatus, org.adminToken()).expect(404);
        api.get("/api/v1/analytics/leads?assigned_user_id=" + other.adminId(), org.adminToken()).expect(404);
        api.get("/api/v1/activities/user-performance?user_id=" + other.adminId(), org.adminToken()).expect(404);
        api.get("/api/v1/analytics/dashboard?branch_id=" + otherBranch, org.adminToken()).expect(404);
    }

    @Test
    void aDayStartsAtMidnightInKolkata() {
        Org org = registerOrganization();
        tenancy.runAs(org.id(), () -> db.execute("""
                with s as (select array_agg(id order by position) ids from lead_statuses where organization_id = {0}),
                l as (
                  insert into leads (organization_id, status_id, first_name, created_at, status_entered_at)
                  select {0}, s.ids[2], 'Edge ' || t, t, t
                  from s, unnest(array['2026-03-01T18:29:59Z'::timestamptz, '2026-03-01T18:30:00Z']) t
                  returning id, created_at
                )
                insert into lead_stages (organization_id, lead_id, status_id, from_status_id, entered_at, changed_by)
                select {0}, l.id, s.ids[2], s.ids[1], l.created_at, {1} from l, s
                """, org.id(), org.adminId()));
        String first = "?date_from=2026-03-01&date_to=2026-03-01";
        String second = "?date_from=2026-03-02&date_to=2026-03-02";
        assertThat(api.get("/api/v1/analytics/leads" + first, org.adminToken()).expect(200).data()
                .get("total_leads").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/analytics/leads" + second, org.adminToken()).expect(200).data()
                .get("total_leads").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/stages/transition-matrix" + second, org.adminToken()).expect(200).data()
                .get("total").asLong()).isEqualTo(1);
        JsonNode days = api.get("/api/v1/analytics/time-based?group_by=day&date_from=2026-03-01&date_to=2026-03-02",
                org.adminToken()).expect(200).data();
        assertThat(days.findValues("new_leads")).extracting(JsonNode::asLong).containsExactly(1L, 1L);
    }

    @Test
    void theDashboardComparesWithThePreviousPeriodAndCountsMessagesPerChannel() {
        Org org = registerOrganization();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Kolkata"));
        tenancy.runAs(org.id(), () -> {
            db.execute("""
                    insert into leads (organization_id, status_id, first_name, created_at, status_entered_at)
                    select {0}, (select id from lead_statuses where organization_id = {0} and is_default), 'Trend', t, t
                    from unnest(array[now() - interval '1 hour', now() - interval '2 days',
                                      now() - interval '9 days']) t
                    """, org.id());
            db.execute("""
                    insert into communications (organization_id, user_id, type, direction, status, created_at)
                    values ({0}, {1}, 'email', 'outbound', 'delivered', now()),
                           ({0}, {1}, 'whatsapp', 'outbound', 'sent', now()),
                           ({0}, {1}, 'whatsapp', 'inbound', 'received', now())
                    """, org.id(), org.adminId());
        });
        JsonNode dashboard = api.get("/api/v1/analytics/dashboard?range=7d", org.adminToken()).expect(200).data();
        assertThat(dashboard.get("date_from").asString()).isEqualTo(today.minusDays(6).toString());
        assertThat(dashboard.get("previous_from").asString()).isEqualTo(today.minusDays(13).toString());
        assertThat(dashboard.get("overview").get("total_leads").asLong()).isEqualTo(2);
        assertThat(dashboard.get("previous").get("total_leads").asLong()).isEqualTo(1);
        assertThat(dashboard.get("trends").get("leads_change").asDouble()).isEqualTo(100.0);
        JsonNode messages = dashboard.get("communication_stats");
        assertThat(messages.get("total").asLong()).isEqualTo(3);
        assertThat(messages.get("by_channel").get("whatsapp").asLong()).isEqualTo(2);
        assertThat(messages.get("outbound").asLong()).isEqualTo(2);
        assertThat(messages.get("delivered").asLong()).isEqualTo(1);
        assertThat(dashboard.get("overview").get("active_users").asLong()).isEqualTo(1);

        JsonNode custom = api.get("/api/v1/analytics/dashboard?range=custom&date_from=" + today.minusDays(2)
                + "&date_to=" + today, org.adminToken()).expect(200).data();
        assertThat(custom.get("range").asString()).isEqualTo("custom");
        assertThat(custom.get("overview").get("total_leads").asLong()).isEqualTo(2);
    }

    @Test
    void theBreachesNowAreARangeOfTheIndexOfLiveLeadsByDeadline() throws Exception {
        Org org = registerOrganization();
        tenancy.runAs(org.id(), () -> db.execute("""
                insert into leads (organization_id, status_id, first_name, status_sla_due_at)
                select ?, (select id from lead_statuses where organization_id = ? and is_default), 'Waiting ' || n,
                       case when n % 10 = 0 then now() - n * interval '1 minute' end
                from generate_series(1, 5000) n""", org.id(), org.id()));
        try (Connection connection = owner.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("analyze leads");
        }
        List<String> plan = tenancy.callAs(org.id(), () -> db.fetch("""
                explain select status_id, count(*) from leads
                where organization_id = ? and deleted_at is null and status_sla_due_at is not null
                  and status_sla_due_at <= now()
                group by status_id
                """, org.id()).getValues(0, String.class));
        assertThat(String.join("\n", plan)).contains("leads_status_sla_idx").doesNotContain("Seq Scan on leads");
    }

    @Test
    void aLeadCarriesTheDeadlineOfItsOpenStage() {
        Org org = registerOrganization();
        String lead = api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "Deadline", "phone",
                "+919800000321")).expect(201).data().get("id").asString();
        String contacted = tenancy.callAs(org.id(), () -> db.fetchValue(
                "select id from lead_statuses where organization_id = ? and code = 'contacted'", org.id())).toString();
        tenancy.runAs(org.id(), () -> db.execute("update lead_statuses set sla_hours = 6 where id = ?::uuid",
                contacted));
        api.post("/api/v1/stages/change-status", org.adminToken(), Map.of("lead_id", lead, "status_id", contacted))
                .expect(200);

        List<Record> copied = tenancy.callAs(org.id(), () -> db.fetch("""
                select l.status_sla_due_at as on_lead, s.sla_due_at as on_stage from leads l
                join lead_stages s on s.organization_id = l.organization_id and s.lead_id = l.id and s.exited_at is null
                where l.organization_id = ? and l.id = ?::uuid""", org.id(), lead));
        assertThat(copied).hasSize(1);
        assertThat(copied.getFirst().get("on_stage")).isNotNull().isEqualTo(copied.getFirst().get("on_lead"));
    }
}
