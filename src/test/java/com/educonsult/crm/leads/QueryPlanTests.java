package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import com.educonsult.crm.support.LeadVolumes;
import com.educonsult.crm.support.StatementCapture;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import tools.jackson.databind.JsonNode;

/**
 * Every lead list, search, filter and count of both APIs, the timeline, activity, task and call lists, and the
 * console's pages, run over HTTP as an admin, a branch manager and a counselor of an organization with tens of thousands of leads (beside
 * another organization's); each statement the server ran is then explained as the application role with the tenant
 * set, and none may read leads, activities, tasks or call logs sequentially. A text search or a tag filter that cannot
 * use an index under the row-level security policy fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryPlanTests extends ApiTest {

    private static final int LEADS = 40_000;
    private static final java.net.http.HttpClient CONSOLE = java.net.http.HttpClient.newHttpClient();
    private static final Set<String> WATCHED = Set.of("leads", "activities", "tasks", "call_logs");
    /**
     * Still read whole: the duplicate groups (every phone and email of the scope grouped). Listed here so that the
     * gap stays visible; remove it when fixed.
     */
    private static final Pattern KNOWN_GAPS = Pattern.compile("as \"duplicate_keys\"");
    private static final Set<String> READS_ALL_INPUT = Set.of("Sort", "Incremental Sort", "Aggregate", "Hash",
            "Materialize", "SetOp", "WindowAgg", "Unique");
    private static final Pattern WATCHED_TABLE = Pattern.compile("\"?(leads|activities|tasks|call_logs)\"?[\\s.,)]");

    @Autowired
    @FlywayDataSource
    private DataSource owner;

    private Org org;
    private TestUser manager;
    private TestUser counselor;
    private UUID branch;
    private UUID lead;

    @BeforeAll
    void generateAnOrganizationOfRealisticSize() throws Exception {
        api = new Api("http://localhost:" + port);
        Org other = registerOrganization();
        generate(other, null, null, 15_000, "other");
        org = registerOrganization();
        branch = UUID.fromString(api.post("/api/v1/branches", org.adminToken(), Map.of("name", "Kochi"))
                .expect(201).data().get("id").asString());
        manager = userWithRole(org, "manager", branch);
        counselor = userWithRole(org, "counselor");
        generate(org, branch, counselor.id(), LEADS, "plan");
        lead = tenancy.callAs(org.id(), () -> db.fetchSingle(
                "select id from leads where assigned_to = ? order by created_at desc limit 1", counselor.id())
                .get(0, UUID.class));
        try (Connection connection = owner.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("analyze leads, lead_stages, activities, tasks, call_logs, lead_tallies, "
                    + "private.lead_search_entries");
        }
    }

    @Test
    void noListSearchOrCountReadsATableOfLeadsActivitiesTasksOrCallsSequentially() {
        List<String> statements = capture(() -> {
            for (String token : List.of(org.adminToken(), manager.token(), counselor.token())) {
                requestEveryList(token);
            }
        });
        List<String> sequential = new ArrayList<>();
        for (String sql : statements) {
            if (KNOWN_GAPS.matcher(sql).find()) {
                continue;
            }
            Set<String> scanned = sequentiallyScanned(sql);
            if (!scanned.isEmpty()) {
                sequential.add(scanned + " in: " + sql);
            }
        }
        assertThat(statements).hasSizeGreaterThan(60);
        assertThat(sequential).as("statements that read a whole table").isEmpty();
    }

    @Test
    void aSearchNeverAnswersAnotherOrganizationsLeads() {
        Org other = registerOrganization();
        generate(other, null, null, 1, "leak");
        tenancy.runAs(other.id(), () -> db.execute("update leads set last_name = 'Zyxwvutsr', phone = '+917771234567',"
                + " tags = array['zyxtag']"));
        assertThat(api.get("/api/v1/leads?search=zyxwvutsr", other.adminToken()).expect(200).data()).hasSize(1);
        for (String search : List.of("search=zyxwvutsr", "search=xwvut", "search=7771234567", "tags=zyxtag")) {
            assertThat(api.get("/api/v1/leads?" + search, org.adminToken()).expect(200).data()).as(search).isEmpty();
        }
        String matches = "select count(*) from lead_search_matches(null, '%zyxwvutsr%', null, null, 10)";
        int seen = tenancy.callAs(org.id(), () -> db.fetchSingle(matches).get(0, Integer.class));
        int withoutTenant = db.fetchSingle(matches).get(0, Integer.class);
        assertThat(seen).isZero();
        assertThat(withoutTenant).isZero();
    }

    private void requestEveryList(String token) {
        List<String> leadLists = List.of("", "?search=kurian", "?search=aarav%20kurian", "?search=kuri",
                "?search=98001234", "?search=09800012345", "?search=student12@", "?status=contacted",
                "?source=website", "?platform=facebook", "?priority=hot", "?engagement=hot", "?assigned_to=me",
                "?assigned_to=unassigned", "?assigned_to=" + counselor.id(), "?branch_id=" + branch, "?tags=vip",
                "?tags=ielts", "?created_from=2025-01-01&created_to=2025-03-31", "?follow_up_from=2025-01-01",
                "?not_contacted=true", "?offset=5000", "?search=kurian&status=new", "?tags=ielts&priority=hot",
                "?include_deleted=true");
        for (String query : leadLists) {
            api.get("/api/v1/leads" + query, token);
        }
        String cursor = api.get("/api/v1/leads", token).expect(200).body().get("meta").get("next_cursor").asString();
        api.get("/api/v1/leads?cursor=" + cursor, token).expect(200);
        for (String path : List.of("/api/v1/leads/counts", "/api/v1/leads/tags", "/api/v1/leads/duplicates",
                "/api/v1/pipeline/summary", "/api/v1/leads/unassigned", "/api/v1/leads/my-leads",
                "/api/v1/leads/" + lead + "/timeline", "/api/v1/activities/lead/" + lead, "/api/v1/activities",
                "/api/v1/activities/user", "/api/v1/activities/follow-ups/pending",
                "/api/v1/activities/follow-ups/overdue", "/api/v1/tasks", "/api/v1/calls",
                "/api/v1/leads/" + lead + "/calls", "/api/v1/leads/" + lead + "/notes")) {
            api.get(path, token);
        }
        api.post("/api/v1/lead/getData", token, Map.of("page", 3, "page_size", 20));
        api.post("/api/v1/lead/getData", token, Map.of("search", "kurian"));
        api.post("/api/v1/lead/notContacted", token, Map.of("page", 1));
        for (String page : List.of("/", "/dashboard/body", "/leads", "/board", "/follow-ups",
                "/follow-ups?when=overdue", "/follow-ups?when=upcoming", "/calls", "/leads/" + lead)) {
            consolePage(page, token);
        }
    }

    /** A page of the web console, as a browser signed in with this token's session asks for it. */
    private void consolePage(String path, String token) {
        try {
            var answer = CONSOLE.send(api.builder(path, null).header("Cookie", "crm_session=" + token).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            assertThat(answer.statusCode()).as(path).isIn(200, 404);
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tables of interest that the statement's plan reads with a sequential scan. */
    private Set<String> sequentiallyScanned(String sql) {
        JsonNode plan = tenancy.callAs(org.id(), () -> JSON.readTree(
                db.fetchValue("explain (format json) " + sql).toString()));
        Set<String> scanned = new LinkedHashSet<>();
        collectSequentialScans(plan, false, scanned);
        return scanned;
    }

    /**
     * Sequential scans of the watched tables, except those a Limit stops with nothing in between that must read all
     * its input first (a sort, an aggregate, a hash): a bounded count (at most 10,001 rows, see platform.db.Totals)
     * may read the table in physical order and stop there, which the planner prefers when most of the table belongs
     * to the organization.
     */
    private static void collectSequentialScans(JsonNode node, boolean stoppedByLimit, Set<String> scanned) {
        if (node.isArray()) {
            node.forEach(child -> collectSequentialScans(child, stoppedByLimit, scanned));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        boolean stopped = stoppedByLimit;
        if (node.has("Node Type")) {
            String type = node.get("Node Type").asString();
            stopped = type.equals("Limit") || stoppedByLimit && !READS_ALL_INPUT.contains(type);
            if (type.equals("Seq Scan") && WATCHED.contains(node.get("Relation Name").asString()) && !stoppedByLimit) {
                scanned.add(node.get("Relation Name").asString());
            }
        }
        for (JsonNode child : node) {
            collectSequentialScans(child, stopped, scanned);
        }
    }

    /** The selects on the watched tables that the server ran during the work. */
    private List<String> capture(Runnable work) {
        return StatementCapture.selects(db, sql -> WATCHED_TABLE.matcher(sql).find(), work);
    }

    private void generate(Org target, UUID branchId, UUID counselorId, int count, String prefix) {
        new LeadVolumes(db, tenancy).generate(target.id(), target.adminId(), branchId, counselorId, count, prefix);
    }
}
