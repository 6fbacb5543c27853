package com.educonsult.crm.analytics.overview;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.analytics.Overview;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.support.ApiTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class OverviewApiTests extends ApiTest {

    private static final String[] SOURCES = {"Website", "Education fair", "Referral", "Walk-in"};
    private static final String[] PLATFORMS = {"website", "facebook", "manual"};
    private static final String RANGE = "date_from=2026-01-01&date_to=2026-02-28";
    private static final String START = "2025-12-31T18:30:00Z";
    private static final String END = "2026-02-28T18:30:00Z";

    @Autowired
    DashboardFigures dashboardFigures;
    @Autowired
    OverviewFigures overviewFigures;
    @Autowired
    CounselorFigures counselorFigures;
    @Autowired
    OverviewAlerts overviewAlerts;
    @Autowired
    UserDirectory users;
    @Autowired
    DashboardCache cache;
    @Autowired
    com.educonsult.crm.platform.ReadReplica reads;
    @Autowired
    tools.jackson.databind.ObjectMapper springJson;

    private final String[] endpoints = {"kpis", "lead-volume", "funnel", "conversion-by-source",
        "counselor-performance", "alerts"};

    @Test
    void theFiguresEqualPlainSqlOverTheLeadsOnGeneratedData() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        generateLeads(org, List.of(org.adminId(), counselor.id()), 300, new Random(14));

        JsonNode kpis = api.get("/api/v1/analytics/kpis?" + RANGE, org.adminToken()).expect(200).data();
        assertThat(kpis.get("total_leads").asLong()).isEqualTo(count(org,
                "select count(*) from leads where deleted_at is null and created_at >= ?::timestamptz "
                        + "and created_at < ?::timestamptz", START, END));
        assertThat(kpis.get("converted_leads").asLong()).isEqualTo(count(org,
                "select count(*) from leads where deleted_at is null and converted_at is not null "
                        + "and created_at >= ?::timestamptz and created_at < ?::timestamptz", START, END));
        assertThat(kpis.get("enrollments").asLong()).isEqualTo(count(org,
                "select count(*) from leads where deleted_at is null and converted_at >= ?::timestamptz "
                        + "and converted_at < ?::timestamptz", START, END));
        assertThat(kpis.get("active_pipeline").asLong()).isEqualTo(count(org,
                "select count(*) from leads l join lead_statuses s on s.organization_id = l.organization_id "
                        + "and s.id = l.status_id where l.deleted_at is null and not s.is_won and not s.is_lost"));

        JsonNode weeks = api.get("/api/v1/analytics/lead-volume?granularity=week&source=Website&" + RANGE,
                org.adminToken()).expect(200).data();
        Map<String, Long> perWeek = counts(org, "select date_trunc('week', (created_at at time zone 'Asia/Kolkata'))"
                + "::date::text, count(*) from leads where deleted_at is null and source = 'Website' "
                + "and created_at >= ?::timestamptz and created_at < ?::timestamptz group by 1", START, END);
        assertThat(weeks.get(0).get("date").asString()).isEqualTo("2025-12-29");
        for (JsonNode week : weeks) {
            assertThat(week.get("count").asLong()).as(week.toString())
                    .isEqualTo(perWeek.getOrDefault(week.get("date").asString(), 0L));
        }

        JsonNode sources = api.get("/api/v1/analytics/conversion-by-source?" + RANGE, org.adminToken()).expect(200)
                .data();
        Map<String, Long> perSource = counts(org, "select source, count(*) from leads where deleted_at is null "
                + "and created_at >= ?::timestamptz and created_at < ?::timestamptz group by 1", START, END);
        assertThat(sources).hasSize(perSource.size());
        sources.forEach(s -> assertThat(s.get("total_leads").asLong())
                .isEqualTo(perSource.get(s.get("source").asString())));

        JsonNode funnel = api.get("/api/v1/analytics/funnel?" + RANGE, org.adminToken()).expect(200).data();
        Map<String, Long> perStatus = counts(org, "select status_id::text, count(*) from leads "
                + "where deleted_at is null and created_at >= ?::timestamptz and created_at < ?::timestamptz "
                + "group by 1", START, END);
        assertThat(funnel.get("total_leads").asLong()).isEqualTo(kpis.get("total_leads").asLong());
        JsonNode stages = funnel.get("stages");
        assertThat(stages.get(0).get("count").asLong()).isEqualTo(kpis.get("total_leads").asLong());
        assertThat(stages.get(0).get("percentage").decimalValue()).isEqualByComparingTo("100");
        for (JsonNode stage : stages) {
            assertThat(stage.get("current").asLong())
                    .isEqualTo(perStatus.getOrDefault(stage.get("status_id").asString(), 0L));
        }
        for (int i = 1; i < stages.size(); i++) {
            assertThat(stages.get(i).get("drop_off").asLong())
                    .isEqualTo(stages.get(i - 1).get("count").asLong() - stages.get(i).get("count").asLong());
        }
    }

    @Test
    void speedToLeadIsTheExactMedianAndP90OfTheFirstOutgoingCalls() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        Random random = new Random(5);
        List<UUID> leads = generateLeads(org, List.of(counselor.id()), 40, random);
        tenancy.runAs(org.id(), () -> {
            for (int i = 0; i < leads.size(); i += 2) {
                db.execute("insert into call_logs (organization_id, user_id, lead_id, device_call_id, phone_number, "
                        + "phone_e164, call_type, duration_seconds, called_at) select organization_id, ?, id, ?, "
                        + "'9876543210', '+919876543210', 'outgoing', 30, created_at + ? * interval '1 minute' "
                        + "from leads where id = ?", counselor.id(), "c" + i, 1 + random.nextInt(600), leads.get(i));
            }
        });

        JsonNode performance = api.get("/api/v1/analytics/counselor-performance?" + RANGE, org.adminToken())
                .expect(200).data();
        var expected = tenancy.callAs(org.id(), () -> db.fetchOne("""
                select percentile_cont(0.5) within group (order by extract(epoch from f.first - l.created_at)),
                       percentile_cont(0.9) within group (order by extract(epoch from f.first - l.created_at)),
                       count(*) filter (where f.first is null)
                from leads l left join lateral (select min(called_at) as first from call_logs c
                  where c.organization_id = l.organization_id and c.lead_id = l.id and c.call_type = 'outgoing') f
                  on true
                where l.deleted_at is null and l.assigned_to = ? and l.created_at >= ?::timestamptz
                  and l.created_at < ?::timestamptz""", counselor.id(), START, END));
        JsonNode mine = find(performance.get("speed_by_counselor"), "id", counselor.id().toString());
        assertThat(mine.get("median_seconds").asDouble()).isEqualTo(expected.get(0, Double.class));
        assertThat(mine.get("p90_seconds").asDouble()).isEqualTo(expected.get(1, Double.class));
        assertThat(mine.get("waiting").asLong()).isEqualTo(expected.get(2, Long.class));
        JsonNode stats = find(performance.get("counselors"), "user_id", counselor.id().toString());
        long calls = count(org, "select count(*) from call_logs where user_id = ? and called_at >= ?::timestamptz "
                + "and called_at < ?::timestamptz", counselor.id(), START, END);
        assertThat(stats.get("calls").asLong()).isEqualTo(calls);
        assertThat(stats.get("talk_time_seconds").asLong()).isEqualTo(30 * calls);
        assertThat(stats.get("median_first_response_seconds").asDouble()).isEqualTo(expected.get(0, Double.class));
        assertThat(performance.get("waiting_leads").size()).isEqualTo(Math.min(20, expected.get(2, Long.class)));
    }

    @Test
    void aLeadCountsOnItsDayOfKolkataAtMidnight() {
        Org org = registerOrganization();
        insertLead(org, "2026-03-01T18:29:59Z", "Website", null, null);
        insertLead(org, "2026-03-01T18:30:00Z", "Website", null, null);
        insertLead(org, "2026-02-28T18:30:00Z", "Website", null, null);

        assertThat(api.get("/api/v1/analytics/kpis?date_from=2026-03-01&date_to=2026-03-01", org.adminToken())
                .expect(200).data().get("total_leads").asLong()).isEqualTo(2);
        assertThat(api.get("/api/v1/analytics/kpis?date_from=2026-03-02&date_to=2026-03-02", org.adminToken())
                .expect(200).data().get("total_leads").asLong()).isEqualTo(1);
        JsonNode days = api.get("/api/v1/analytics/lead-volume?date_from=2026-02-28&date_to=2026-03-03",
                org.adminToken()).expect(200).data();
        assertThat(days).hasSize(4);
        assertThat(days.get(0).get("count").asLong()).isZero();
        assertThat(days.get(1).get("count").asLong()).isEqualTo(2);
        assertThat(days.get(2).get("count").asLong()).isEqualTo(1);
        assertThat(days.get(3).get("count").asLong()).isZero();
    }

    @Test
    void badRangesAndFiltersAreRefusedNamingTheField() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID otherBranch = api.post("/api/v1/branches", other.adminToken(), Map.of("name", "Elsewhere", "code", "EL"))
                .expect(201).data().get("id").asString().transform(UUID::fromString);
        for (String endpoint : endpoints) {
            String path = "/api/v1/analytics/" + endpoint;
            assertThat(api.get(path + "?date_from=soon", org.adminToken()).expect(400).errorField())
                    .isEqualTo("date_from");
            assertThat(api.get(path + "?date_from=2026-03-02&date_to=2026-03-01", org.adminToken()).expect(422)
                    .errorField()).isEqualTo("date_to");
            api.get(path + "?branch_id=" + otherBranch, org.adminToken()).expect(404);
            api.get(path + "?branch_id=nope", org.adminToken()).expect(400);
        }
        assertThat(api.get("/api/v1/analytics/lead-volume?granularity=year", org.adminToken()).expect(422)
                .errorField()).isEqualTo("granularity");
        api.get("/api/v1/analytics/kpis?assigned_to=" + other.adminId(), org.adminToken()).expect(404);
    }

    @Test
    void anAgentMayNotReadAnalytics() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        for (String endpoint : endpoints) {
            api.get("/api/v1/analytics/" + endpoint, agent.token()).expect(403);
        }
        api.get("/api/v1/dashboard", agent.token()).expect(403);
    }

    @Test
    void anEmptyOrganizationAnswersZeros() {
        Org org = registerOrganization();
        JsonNode kpis = api.get("/api/v1/analytics/kpis", org.adminToken()).expect(200).data();
        assertThat(kpis.get("total_leads").asLong()).isZero();
        assertThat(kpis.get("conversion_rate").decimalValue()).isEqualByComparingTo("0");
        assertThat(api.get("/api/v1/analytics/lead-volume", org.adminToken()).expect(200).data()).hasSize(30);
        JsonNode funnel = api.get("/api/v1/analytics/funnel", org.adminToken()).expect(200).data();
        assertThat(funnel.get("stages").get(0).get("count").asLong()).isZero();
        assertThat(api.get("/api/v1/analytics/conversion-by-source", org.adminToken()).expect(200).data()).isEmpty();
        JsonNode performance = api.get("/api/v1/analytics/counselor-performance", org.adminToken()).expect(200)
                .data();
        assertThat(performance.get("counselors")).isEmpty();
        assertThat(performance.get("waiting").asLong()).isZero();
        assertThat(api.get("/api/v1/analytics/alerts", org.adminToken()).expect(200).data()).isEmpty();
        JsonNode dashboard = api.get("/api/v1/dashboard", org.adminToken()).expect(200).data();
        assertThat(dashboard.get("total_leads").asLong()).isZero();
        assertThat(dashboard.get("top_performers")).isEmpty();
    }

    @Test
    void eachRoleSeesTheFiguresOfItsScope() {
        Org org = registerOrganization();
        UUID north = api.post("/api/v1/branches", org.adminToken(), Map.of("name", "North", "code", "NO"))
                .expect(201).data().get("id").asString().transform(UUID::fromString);
        TestUser manager = userWithRole(org, "manager", north);
        TestUser counselor = userWithRole(org, "counselor", north);
        insertLead(org, "2026-03-01T10:00:00Z", "Website", north, counselor.id());
        insertLead(org, "2026-03-01T10:00:00Z", "Website", north, null);
        insertLead(org, "2026-03-01T10:00:00Z", "Website", null, null);
        String range = "/api/v1/analytics/kpis?date_from=2026-03-01&date_to=2026-03-01";

        assertThat(api.get(range, org.adminToken()).expect(200).data().get("total_leads").asLong()).isEqualTo(3);
        assertThat(api.get(range, manager.token()).expect(200).data().get("total_leads").asLong()).isEqualTo(2);
        assertThat(api.get(range, counselor.token()).expect(200).data().get("total_leads").asLong()).isEqualTo(1);
        assertThat(api.get(range + "&branch_id=" + north, org.adminToken()).expect(200).data().get("total_leads")
                .asLong()).isEqualTo(2);
        assertThat(api.get("/api/v1/analytics/counselor-performance?date_from=2026-03-01&date_to=2026-03-01",
                counselor.token()).expect(200).data().get("counselors")).hasSize(1);
    }

    @Test
    void theDashboardFollowsTheDataAndEveryNodeAnswersTheSame() {
        Org org = registerOrganization();
        api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "First", "source", "Website",
                "phone", "9876500001")).expect(201);
        JsonNode before = api.get("/api/v1/dashboard", org.adminToken()).expect(200).data();
        long computed = cache.computed();
        JsonNode again = api.get("/api/v1/dashboard", org.adminToken()).expect(200).data();
        assertThat(again).isEqualTo(before);
        assertThat(cache.computed()).isEqualTo(computed);
        assertThat(before.get("total_leads").asLong()).isEqualTo(1);
        assertThat(before.get("new_today").asLong()).isEqualTo(1);

        api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "Second", "source", "Referral",
                "phone", "9876500002")).expect(201);
        JsonNode after = api.get("/api/v1/dashboard", org.adminToken()).expect(200).data();
        assertThat(after.get("total_leads").asLong()).isEqualTo(2);
        assertThat(after.get("leads_by_source")).hasSize(2);
        assertThat(after.get("version").asString()).isNotEqualTo(before.get("version").asString());

        OverviewService otherNode = new OverviewService(overviewFigures, counselorFigures, overviewAlerts,
                dashboardFigures, new DashboardCache(), users, reads, java.time.Clock.systemUTC());
        Overview.Dashboard there = tenancy.callAs(org.id(), () -> {
            CurrentUser admin = users.actingAs(org.id(), org.adminId()).orElseThrow();
            return otherNode.dashboard(admin);
        });
        assertThat(springJson.valueToTree(there).toString()).isEqualTo(after.toString());
    }

    @Test
    void alertsNameDroppedSourcesAndOverdueFollowUps() {
        Org org = registerOrganization();
        for (int i = 0; i < 6; i++) {
            insertLead(org, "2026-01-1" + i + "T10:00:00Z", "Education fair", null, null);
        }
        insertLead(org, "2026-02-10T10:00:00Z", "Education fair", null, null);
        JsonNode alerts = api.get("/api/v1/analytics/alerts?date_from=2026-02-01&date_to=2026-02-28",
                org.adminToken()).expect(200).data();
        JsonNode dropped = find(alerts, "type", "source_volume_dropped");
        assertThat(dropped.get("count").asLong()).isEqualTo(1);
        assertThat(dropped.get("link").asString()).contains("source=Education+fair");
        assertThat(find(alerts, "type", "untouched_leads").get("count").asLong()).isEqualTo(7);
    }

    private List<UUID> generateLeads(Org org, List<UUID> owners, int count, Random random) {
        List<UUID> ids = new java.util.ArrayList<>();
        tenancy.runAs(org.id(), () -> {
            List<UUID> statuses = db.fetch("select id from lead_statuses order by position").getValues(0, UUID.class);
            for (int i = 0; i < count; i++) {
                Instant created = Instant.parse("2025-12-20T00:00:00Z").plusSeconds(random.nextLong(75L * 86_400));
                UUID status = statuses.get(random.nextInt(statuses.size()));
                Instant converted = random.nextInt(4) == 0 ? created.plusSeconds(random.nextInt(20 * 86_400)) : null;
                UUID id = db.fetchOne("insert into leads (organization_id, first_name, status_id, source, platform, "
                        + "assigned_to, created_at, converted_at, deleted_at) values (?, ?, ?, ?, ?, ?, ?::timestamptz, "
                        + "?::timestamptz, ?::timestamptz) "
                        + "returning id", org.id(), "Lead " + i, status, SOURCES[random.nextInt(SOURCES.length)],
                        PLATFORMS[random.nextInt(PLATFORMS.length)], owners.get(random.nextInt(owners.size())),
                        created.toString(), converted == null ? null : converted.toString(),
                        random.nextInt(20) == 0 ? Instant.now().toString() : null).get(0, UUID.class);
                ids.add(id);
            }
        });
        return ids;
    }

    private void insertLead(Org org, String createdAt, String source, UUID branch, UUID owner) {
        tenancy.runAs(org.id(), () -> db.execute("insert into leads (organization_id, first_name, status_id, source, "
                + "branch_id, assigned_to, created_at) select ?, 'Lead', id, ?, ?, ?, ?::timestamptz "
                + "from lead_statuses where is_default limit 1", org.id(), source, branch, owner, createdAt));
    }

    private long count(Org org, String sql, Object... args) {
        return tenancy.callAs(org.id(), () -> db.fetchOne(sql, args).get(0, Long.class));
    }

    private Map<String, Long> counts(Org org, String sql, Object... args) {
        Map<String, Long> counts = new HashMap<>();
        tenancy.runAs(org.id(), () -> db.fetch(sql, args)
                .forEach(r -> counts.put(r.get(0, String.class), r.get(1, Long.class))));
        return counts;
    }

    private static JsonNode find(JsonNode items, String field, String value) {
        for (JsonNode item : items) {
            if (value.equals(item.get(field).asString())) {
                return item;
            }
        }
        throw new AssertionError("no item with " + field + " = " + value + " in " + items);
    }
}
