package com.educonsult.crm.analytics.stages;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every analytics, stage and activity figure equals a plain SQL over the base tables (leads, lead_stages,
 * activities) on generated data, for the organization and within each role's scope.
 */
class StageAnalyticsExactnessTests extends ApiTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final String DAY = "(%s at time zone 'Asia/Kolkata')::date between {1} and {2}";

    /** One generated organization for the whole class. */
    private record World(Org org, UUID branch, TestUser manager, TestUser counselor, TestUser other) {
    }

    private static World world;

    private LocalDate from;
    private LocalDate to;

    @BeforeEach
    void generateOnce() {
        to = LocalDate.now(KOLKATA);
        from = to.minusDays(29);
        if (world != null) {
            return;
        }
        Org org = registerOrganization();
        UUID branch = tenancy.callAs(org.id(), () -> db.fetchSingle(
                "insert into branches (organization_id, name) values (?, ?) returning id", org.id(), unique("branch"))
                .get(0, UUID.class));
        TestUser manager = userWithRole(org, "manager", branch);
        TestUser counselor = userWithRole(org, "counselor", branch);
        TestUser other = userWithRole(org, "counselor");
        new AnalyticsData(db, tenancy).generate(org.id(), branch,
                new UUID[] {counselor.id(), other.id(), manager.id(), null, org.adminId()}, 600);
        world = new World(org, branch, manager, counselor, other);
    }

    private String range() {
        return "date_from=" + from + "&date_to=" + to;
    }

    private JsonNode get(String path, String token) {
        return api.get(path + (path.contains("?") ? "&" : "?") + range(), token).expect(200).data();
    }

    /** A count over the base tables, with {0} the organization and {1}/{2} the range's days. */
    private long count(String sql) {
        String plain = sql.replace("{0}", "'" + world.org().id() + "'").replace("{1}", "'" + from + "'::date")
                .replace("{2}", "'" + to + "'::date");
        return tenancy.callAs(world.org().id(), () -> db.fetchSingle(plain).get(0, Long.class));
    }

    private Map<Object, Long> grouped(String sql) {
        Map<Object, Long> map = new HashMap<>();
        tenancy.runAs(world.org().id(), () -> db.fetch(sql.replace("{0}", "'" + world.org().id() + "'")
                .replace("{1}", "'" + from + "'::date").replace("{2}", "'" + to + "'::date"))
                .forEach((Record r) -> map.put(String.valueOf(r.get(0)), r.get(1, Long.class))));
        return map;
    }

    private static String leadsIn(String extra) {
        return "select count(*) from leads l join lead_statuses s on s.organization_id = l.organization_id "
                + "and s.id = l.status_id where l.organization_id = {0} and l.deleted_at is null and "
                + DAY.formatted("l.created_at") + extra;
    }

    @Test
    void leadFiguresEqualPlainSqlOverTheLeads() {
        JsonNode leads = get("/api/v1/analytics/leads", world.org().adminToken());
        assertThat(leads.get("total_leads").asLong()).isEqualTo(count(leadsIn(""))).isPositive();
        assertThat(leads.get("won_leads").asLong()).isEqualTo(count(leadsIn(" and s.is_won")));
        assertThat(leads.get("lost_leads").asLong()).isEqualTo(count(leadsIn(" and s.is_lost")));
        assertThat(leads.get("new_leads").asLong()).isEqualTo(count(leadsIn(" and s.is_default")));
        assertThat(leads.get("unassigned_leads").asLong()).isEqualTo(count(leadsIn(" and l.assigned_to is null")));
        assertThat(leads.get("converted_leads").asLong()).isEqualTo(count(
                "select count(*) from leads l where organization_id = {0} and deleted_at is null and "
                        + DAY.formatted("converted_at")));
        long assignedSeconds = count("select coalesce(sum(floor(extract(epoch from assigned_at - created_at))), 0) "
                + "from leads l where organization_id = {0} and deleted_at is null and assigned_at is not null and "
                + DAY.formatted("created_at"));
        long assigned = count(leadsIn(" and l.assigned_at is not null"));
        assertThat(leads.get("avg_assignment_time_hours").asDouble())
                .isEqualTo(Figures.hours(assignedSeconds, assigned));

        JsonNode facebook = get("/api/v1/analytics/leads?platform=facebook&status=new", world.org().adminToken());
        assertThat(facebook.get("total_leads").asLong())
                .isEqualTo(count(leadsIn(" and l.platform = 'facebook' and s.code = 'new'")));

        Map<Object, Long> byPlatform = grouped("select l.platform, count(*) from leads l where organization_id = {0} "
                + "and deleted_at is null and " + DAY.formatted("created_at") + " group by 1");
        JsonNode platforms = get("/api/v1/analytics/platforms", world.org().adminToken());
        assertThat(platforms).hasSize(byPlatform.size());
        platforms.forEach(p -> assertThat(p.get("total_leads").asLong())
                .isEqualTo(byPlatform.get(p.get("platform").asString())));

        Map<Object, Long> perOwner = grouped("select l.assigned_to, count(*) from leads l where organization_id = {0} "
                + "and deleted_at is null and assigned_to is not null and " + DAY.formatted("created_at")
                + " group by 1");
        Map<Object, Long> activitiesPerUser = grouped("select user_id, count(*) from activities where "
                + "organization_id = {0} and user_id is not null and " + DAY.formatted("occurred_at") + " group by 1");
        JsonNode users = get("/api/v1/analytics/users", world.org().adminToken());
        users.forEach(u -> {
            assertThat(u.get("leads_assigned").asLong()).isEqualTo(perOwner.getOrDefault(u.get("user_id").asString(), 0L));
            assertThat(u.get("total_activities").asLong())
                    .isEqualTo(activitiesPerUser.getOrDefault(u.get("user_id").asString(), 0L));
        });
        assertThat(users).hasSize(4);

        Map<Object, Long> perDay = grouped("select (created_at at time zone 'Asia/Kolkata')::date, count(*) from leads "
                + "where organization_id = {0} and deleted_at is null and " + DAY.formatted("created_at")
                + " group by 1");
        JsonNode days = get("/api/v1/analytics/time-based?group_by=day", world.org().adminToken());
        assertThat(days).hasSize(30);
        days.forEach(d -> assertThat(d.get("new_leads").asLong()).isEqualTo(perDay.getOrDefault(d.get("period")
                .asString(), 0L)));

        JsonNode dashboard = get("/api/v1/analytics/dashboard?range=custom", world.org().adminToken());
        assertThat(dashboard.get("overview").get("total_leads").asLong()).isEqualTo(count(leadsIn("")));
        assertThat(dashboard.get("now").get("live_leads").asLong()).isEqualTo(count(
                "select count(*) from leads where organization_id = {0} and deleted_at is null"));
        assertThat(dashboard.get("previous_to").asString()).isEqualTo(from.minusDays(1).toString());
    }

    @Test
    void stageFiguresEqualPlainSqlOverTheStages() {
        String token = world.org().adminToken();
        Map<Object, Long> entries = grouped("select status_id, count(*) from lead_stages where organization_id = {0} "
                + "and " + DAY.formatted("entered_at") + " group by 1");
        Map<Object, Long> exits = grouped("select status_id, count(*) from lead_stages where organization_id = {0} "
                + "and exited_at is not null and " + DAY.formatted("exited_at") + " group by 1");
        Map<Object, Long> over24 = grouped("select status_id, count(*) from lead_stages where organization_id = {0} "
                + "and exited_at is not null and duration_seconds > 86400 and " + DAY.formatted("exited_at")
                + " group by 1");
        Map<Object, Long> now = grouped("select status_id, count(*) from leads where organization_id = {0} "
                + "and deleted_at is null group by 1");
        JsonNode performance = get("/api/v1/stages/performance-metrics", token);
        assertThat(performance).isNotEmpty();
        performance.forEach(s -> {
            String id = s.get("status_id").asString();
            assertThat(s.get("total_entries").asLong()).isEqualTo(entries.getOrDefault(id, 0L));
            assertThat(s.get("total_exits").asLong()).isEqualTo(exits.getOrDefault(id, 0L));
            assertThat(s.get("leads_exceeding_24h").asLong()).isEqualTo(over24.getOrDefault(id, 0L));
            assertThat(s.get("currently_in_stage").asLong()).isEqualTo(now.getOrDefault(id, 0L));
        });

        Map<Object, Long> pairs = grouped("select from_status_id || '>' || status_id, count(*) from lead_stages "
                + "where organization_id = {0} and from_status_id is not null and " + DAY.formatted("entered_at")
                + " group by 1");
        JsonNode matrix = get("/api/v1/stages/transition-matrix", token);
        long moves = pairs.values().stream().mapToLong(Long::longValue).sum();
        assertThat(matrix.get("total").asLong()).isEqualTo(moves).isPositive();
        matrix.get("transitions").forEach(t -> {
            if (!t.get("from_status_id").isNull()) {
                assertThat(t.get("count").asLong()).isEqualTo(pairs.get(t.get("from_status_id").asString() + ">"
                        + t.get("to_status_id").asString()));
            }
        });

        long within = count("select count(*) from lead_stages where organization_id = {0} and exited_at is not null "
                + "and sla_due_at is not null and exited_at <= sla_due_at and " + DAY.formatted("exited_at"));
        long exceeded = count("select count(*) from lead_stages where organization_id = {0} and exited_at is not null "
                + "and sla_due_at is not null and exited_at > sla_due_at and " + DAY.formatted("exited_at"));
        long overdue = count("select count(*) from lead_stages st join leads l on l.organization_id = "
                + "st.organization_id and l.id = st.lead_id where st.organization_id = {0} and st.exited_at is null "
                + "and st.sla_due_at <= now() and l.deleted_at is null");
        for (String path : new String[] {"/api/v1/analytics/sla-compliance", "/api/v1/stages/sla-compliance"}) {
            JsonNode compliance = get(path, token);
            assertThat(compliance.get("within_sla").asLong()).isEqualTo(within);
            assertThat(compliance.get("exceeded_sla").asLong()).isEqualTo(exceeded).isPositive();
            assertThat(compliance.get("breached_now").asLong()).isEqualTo(overdue).isPositive();
            assertThat(compliance.get("by_day")).hasSize(30);
        }
        JsonNode violations = api.get("/api/v1/stages/sla-violations?limit=5", token).expect(200).data();
        assertThat(violations.get("total").asLong()).isEqualTo(overdue);
        assertThat(violations.get("violations")).hasSize(5);

        Map<Object, Long> movesByUser = grouped("select changed_by, count(*) from lead_stages where organization_id "
                + "= {0} and from_status_id is not null and changed_by is not null and " + DAY.formatted("entered_at")
                + " group by 1");
        JsonNode users = get("/api/v1/stages/user-performance", token);
        assertThat(users).hasSize(movesByUser.size());
        users.forEach(u -> assertThat(u.get("stage_changes").asLong())
                .isEqualTo(movesByUser.get(u.get("user_id").asString())));

        Map<Object, Long> outOf = grouped("select from_status_id, count(*) from lead_stages where organization_id = "
                + "{0} and from_status_id is not null and " + DAY.formatted("entered_at") + " group by 1");
        get("/api/v1/stages/conversion-rates", token).forEach(c -> assertThat(c.get("moved_on").asLong())
                .isEqualTo(outOf.getOrDefault(c.get("status_id").asString(), 0L)));
        get("/api/v1/stages/status-statistics", token).forEach(s -> assertThat(s.get("leads_now").asLong())
                .isEqualTo(now.getOrDefault(s.get("status_id").asString(), 0L)));
        JsonNode summary = get("/api/v1/stages/summary", token);
        assertThat(summary.get("stage_changes").asLong()).isEqualTo(moves);
        assertThat(summary.get("sla_breaches_now").asLong()).isEqualTo(overdue);
        assertThat(get("/api/v1/stages/workflow-efficiency", token).get("stage_changes").asLong()).isEqualTo(moves);
        long breachedNowTotal = 0;
        for (JsonNode b : get("/api/v1/stages/bottleneck-analysis", token)) {
            breachedNowTotal += b.get("breached_now").asLong();
        }
        assertThat(breachedNowTotal).isLessThanOrEqualTo(overdue);
    }

    @Test
    void activityFiguresEqualPlainSqlOverTheActivities() {
        String token = world.org().adminToken();
        String inRange = " from activities where organization_id = {0} and " + DAY.formatted("occurred_at");
        JsonNode totals = get("/api/v1/analytics/activities", token);
        assertThat(totals.get("total_activities").asLong()).isEqualTo(count("select count(*)" + inRange)).isPositive();
        Map<Object, Long> byType = grouped("select activity_type, count(*)" + inRange + " group by 1");
        totals.get("by_type").properties().forEach(e -> assertThat(e.getValue().asLong())
                .isEqualTo(byType.get(e.getKey())));
        Map<Object, Long> byStatus = grouped("select status, count(*)" + inRange + " group by 1");
        totals.get("by_status").properties().forEach(e -> assertThat(e.getValue().asLong())
                .isEqualTo(byStatus.getOrDefault(e.getKey(), 0L)));

        Map<Object, Long> byPriority = grouped("select priority, count(*)" + inRange + " group by 1");
        Map<Object, Long> completedByPriority = grouped("select priority, count(*)" + inRange
                + " and status = 'completed' group by 1");
        JsonNode priorities = get("/api/v1/activities/priority-distribution", token);
        assertThat(priorities).hasSize(4);
        priorities.forEach(p -> {
            assertThat(p.get("total_activities").asLong()).isEqualTo(byPriority.getOrDefault(p.get("priority")
                    .asString(), 0L));
            assertThat(p.get("completed_activities").asLong()).isEqualTo(completedByPriority.getOrDefault(
                    p.get("priority").asString(), 0L));
        });

        Map<Object, Long> byUser = grouped("select user_id, count(*)" + inRange + " and user_id is not null group by 1");
        JsonNode users = get("/api/v1/activities/user-performance", token);
        assertThat(users).hasSize(byUser.size());
        users.forEach(u -> assertThat(u.get("total_activities").asLong())
                .isEqualTo(byUser.get(u.get("user_id").asString())));
    }

    @Test
    void eachRoleSeesItsScope() {
        TestUser counselor = world.counselor();
        assertThat(get("/api/v1/analytics/leads", counselor.token()).get("total_leads").asLong())
                .isEqualTo(count(leadsIn(" and l.assigned_to = '" + counselor.id() + "'")));
        assertThat(get("/api/v1/stages/transition-matrix", counselor.token()).get("total").asLong())
                .isEqualTo(count("select count(*) from lead_stages where organization_id = {0} and changed_by = '"
                        + counselor.id() + "' and from_status_id is not null and " + DAY.formatted("entered_at")));
        assertThat(get("/api/v1/analytics/activities", counselor.token()).get("total_activities").asLong())
                .isEqualTo(count("select count(*) from activities where organization_id = {0} and user_id = '"
                        + counselor.id() + "' and " + DAY.formatted("occurred_at")));
        assertThat(api.get("/api/v1/stages/sla-violations", counselor.token()).expect(200).data().get("total")
                .asLong()).isEqualTo(count("select count(*) from lead_stages st join leads l on l.organization_id = "
                        + "st.organization_id and l.id = st.lead_id where st.organization_id = {0} and st.exited_at "
                        + "is null and st.sla_due_at <= now() and l.deleted_at is null and l.assigned_to = '"
                        + counselor.id() + "'"));

        TestUser manager = world.manager();
        String branchLeads = " and (l.branch_id = '" + world.branch() + "' or l.assigned_to = '" + manager.id() + "')";
        assertThat(get("/api/v1/analytics/leads", manager.token()).get("total_leads").asLong())
                .isEqualTo(count(leadsIn(branchLeads)));
        assertThat(get("/api/v1/activities/priority-distribution", manager.token()).findValues("total_activities")
                .stream().mapToLong(JsonNode::asLong).sum())
                .isEqualTo(count("select count(*) from activities where organization_id = {0} and user_id in ('"
                        + manager.id() + "', '" + counselor.id() + "') and " + DAY.formatted("occurred_at")));
        JsonNode users = get("/api/v1/stages/user-performance", manager.token());
        users.forEach(u -> assertThat(u.get("user_id").asString()).isIn(manager.id().toString(),
                counselor.id().toString()));
        assertThat(get("/api/v1/analytics/leads", world.other().token()).get("total_leads").asLong())
                .isEqualTo(count(leadsIn(" and l.assigned_to = '" + world.other().id() + "'")));
    }
}
