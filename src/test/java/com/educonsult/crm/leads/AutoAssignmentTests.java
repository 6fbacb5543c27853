package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.LEAD_ASSIGNMENTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.platform.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

@RecordApplicationEvents
class AutoAssignmentTests extends AssignmentFixtures {

    @Autowired
    private ApplicationEventPublisher publisher;

    @Autowired
    private AutoAssignment autoAssignment;

    @Autowired
    private ApplicationEvents events;

    @Test
    void settingsAreOffUntilAnAdminChoosesAModeAndTheChangeIsAudited() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");

        JsonNode initial = api.get("/api/v1/assignments/settings", org.adminToken()).expect(200).data();
        assertThat(initial.get("mode").asString()).isEqualTo("off");
        assertThat(initial.get("rules").size()).isZero();

        JsonNode saved = api.put("/api/v1/assignments/settings", org.adminToken(), Map.of("mode", "least_loaded",
                "per_branch", true, "rules", List.of(Map.of("source", "Fair", "user_ids",
                        List.of(counselor.id().toString()))))).expect(200).data();

        assertThat(saved.get("mode").asString()).isEqualTo("least_loaded");
        assertThat(saved.get("per_branch").asBoolean()).isTrue();
        assertThat(saved.get("rules").get(0).get("user_ids").get(0).asString()).isEqualTo(counselor.id().toString());
        assertThat(api.get("/api/v1/assignments/settings", org.adminToken()).expect(200).data().get("mode").asString())
                .isEqualTo("least_loaded");
        assertThat(auditActions(org, org.id())).contains("lead_assignment_settings.updated");
    }

    @Test
    void badSettingsAreRefusedNamingTheField() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        List<String> users = List.of(counselor.id().toString());

        assertThat(api.put("/api/v1/assignments/settings", org.adminToken(), Map.of("mode", "lottery"))
                .expect(422).errorField()).isEqualTo("mode");
        assertThat(api.put("/api/v1/assignments/settings", org.adminToken(), Map.of("mode", "round_robin",
                "rules", List.of(Map.of("user_ids", users)))).expect(422).errorField()).isEqualTo("rules[0].source");
        assertThat(api.put("/api/v1/assignments/settings", org.adminToken(), Map.of("mode", "round_robin",
                "rules", List.of(Map.of("source", "fair", "platform", "website", "user_ids", users))))
                .expect(422).errorField()).isEqualTo("rules[0].source");
        assertThat(api.put("/api/v1/assignments/settings", org.adminToken(), Map.of("mode", "round_robin",
                "rules", List.of(Map.of("platform", "fax", "user_ids", users)))).expect(422).errorField())
                .isEqualTo("rules[0].platform");
        assertThat(api.put("/api/v1/assignments/settings", org.adminToken(), Map.of("mode", "round_robin",
                "rules", List.of(Map.of("source", "fair", "user_ids", List.of(other.adminId().toString())))))
                .expect(422).errorField()).isEqualTo("rules[0].user_ids");
        api.raw("PUT", "/api/v1/assignments/settings", org.adminToken(), "application/json", "{\"mode\":").expect(400);
        assertThat(api.put("/api/v1/assignments/settings", org.adminToken(), Map.of("mode", "round_robin",
                "per_branch", "sometimes")).expect(400).errorField()).isEqualTo("per_branch");
        assertThat(api.get("/api/v1/assignments/settings", org.adminToken()).expect(200).data().get("mode")
                .asString()).isEqualTo("off");
    }

    @Test
    void onlySettingsManagersChangeAndOnlyAssignersReadTheSettings() {
        Org org = registerOrganization();
        TestUser manager = userWithRole(org, "manager");
        TestUser agent = userWithRole(org, "agent");

        api.get("/api/v1/assignments/settings", manager.token()).expect(200);
        api.put("/api/v1/assignments/settings", manager.token(), Map.of("mode", "round_robin")).expect(403);
        api.get("/api/v1/assignments/settings", agent.token()).expect(403);
        api.put("/api/v1/assignments/settings", agent.token(), Map.of("mode", "round_robin")).expect(403);
    }

    @Test
    void aNewLeadIsAssignedByRoundRobinWhenCreatedAndTheChangeIsRecordedAsAuto() {
        Org org = registerOrganization();
        List<UUID> counselors = counselors(org, 2);
        mode(org, "round_robin");

        UUID first = createLead(org, null, null, "manual");
        UUID second = createLead(org, null, null, "manual");
        UUID third = createLead(org, null, null, "manual");

        assertThat(List.of(ownerOf(org, first), ownerOf(org, second), ownerOf(org, third)))
                .containsExactly(counselors.get(0), counselors.get(1), counselors.get(0));
        JsonNode history = api.get("/api/v1/assignments/lead/" + first + "/history", org.adminToken()).expect(200)
                .data();
        assertThat(history.get(0).get("action").asString()).isEqualTo("auto");
        assertThat(history.get(0).get("strategy").asString()).isEqualTo("round_robin");
        assertThat(history.get(0).get("assigned_by").isNull()).isTrue();
        assertThat(auditActions(org, first)).containsExactly("lead.assignment.auto");
    }

    @Test
    void nothingIsAssignedWhenTheModeIsOffOrTheLeadAlreadyHasAnOwner() {
        Org org = registerOrganization();
        counselors(org, 2);

        UUID whileOff = createLead(org, null, null, "manual");
        mode(org, "round_robin");
        UUID owned = lead(org, "Owned", org.adminId(), null);
        tenancy.runAs(org.id(), () -> publisher.publishEvent(
                new LeadEvents.LeadCreated(org.id(), owned, org.adminId(), "manual", null, null)));

        assertThat(ownerOf(org, whileOff)).isNull();
        assertThat(ownerOf(org, owned)).isEqualTo(org.adminId());
    }

    @Test
    void leastLoadedGivesTheNewLeadToTheUserWithFewestActiveLeads() {
        Org org = registerOrganization();
        List<UUID> counselors = counselors(org, 2);
        lead(org, "Busy1", counselors.get(0), null);
        lead(org, "Busy2", counselors.get(0), null);
        lead(org, "Won", counselors.get(1), null, wonStatus(org), null, "manual");
        lead(org, "Lost", counselors.get(1), null, lostStatus(org), null, "manual");
        lead(org, "Open", counselors.get(1), null);
        mode(org, "least_loaded");

        UUID fresh = createLead(org, null, null, "manual");
        UUID next = createLead(org, null, null, "manual");

        assertThat(ownerOf(org, fresh)).isEqualTo(counselors.get(1));
        assertThat(ownerOf(org, next)).isEqualTo(counselors.get(0));
    }

    @Test
    void perBranchUsesTheUsersOfTheLeadsBranch() {
        Org org = registerOrganization();
        UUID north = branch(org, "North");
        UUID south = branch(org, "South");
        TestUser northCounselor = userWithRole(org, "counselor", north);
        TestUser southAgent = userWithRole(org, "agent", south);
        api.put("/api/v1/assignments/settings", org.adminToken(), Map.of("mode", "round_robin", "per_branch", true))
                .expect(200);

        UUID northLead = createLead(org, north, null, "manual");
        UUID southLead = createLead(org, south, null, "manual");
        UUID southAgain = createLead(org, south, null, "manual");

        assertThat(ownerOf(org, northLead)).isEqualTo(northCounselor.id());
        assertThat(ownerOf(org, southLead)).isEqualTo(southAgent.id());
        assertThat(ownerOf(org, southAgain)).isEqualTo(southAgent.id());
    }

    @Test
    void aSourceOrPlatformRuleSendsItsLeadsToItsUsers() {
        Org org = registerOrganization();
        List<UUID> counselors = counselors(org, 3);
        api.put("/api/v1/assignments/settings", org.adminToken(), Map.of("mode", "round_robin", "rules", List.of(
                Map.of("source", "Education Fair", "user_ids", List.of(counselors.get(2).toString())),
                Map.of("platform", "facebook", "user_ids", List.of(counselors.get(1).toString())))))
                .expect(200);

        UUID fair = createLead(org, null, "education fair", "walk_in");
        UUID facebook = createLead(org, null, "Ads", "facebook");
        UUID other = createLead(org, null, "Ads", "website");

        assertThat(ownerOf(org, fair)).isEqualTo(counselors.get(2));
        assertThat(ownerOf(org, facebook)).isEqualTo(counselors.get(1));
        assertThat(ownerOf(org, other)).isEqualTo(counselors.get(0));
    }

    @Test
    void autoAssignmentPublishesLeadAssigned() {
        Org org = registerOrganization();
        List<UUID> counselors = counselors(org, 1);
        mode(org, "round_robin");
        UUID lead = lead(org, "Evented", null, null);

        Optional<UUID> assignee = tenancy.callAs(org.id(), () -> autoAssignment.assignNew(org.id(), lead));

        assertThat(assignee).contains(counselors.get(0));
        assertThat(events.stream(LeadEvents.LeadAssigned.class))
                .anySatisfy(e -> {
                    assertThat(e.leadId()).isEqualTo(lead);
                    assertThat(e.assigneeId()).isEqualTo(counselors.get(0));
                    assertThat(e.action()).isEqualTo("auto");
                });
    }

    @Test
    void concurrentCreatesNeverGiveTheSameTurnTwice() throws Exception {
        Org org = registerOrganization();
        List<UUID> counselors = counselors(org, 3);
        mode(org, "round_robin");
        openStatus(org);
        int leads = 30;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<UUID>> created = new ArrayList<>();
        try {
            for (int i = 0; i < leads; i++) {
                created.add(pool.submit(() -> {
                    start.await();
                    return createLead(org, null, null, "manual");
                }));
            }
            start.countDown();
            for (Future<UUID> future : created) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Map<UUID, Integer> perUser = tenancy.callAs(org.id(), () -> db.select(LEADS.ASSIGNED_TO, DSL.count())
                .from(LEADS).where(LEADS.ORGANIZATION_ID.eq(org.id())).groupBy(LEADS.ASSIGNED_TO)
                .fetchMap(LEADS.ASSIGNED_TO, DSL.count()));
        assertThat(perUser).containsOnlyKeys(counselors).allSatisfy((user, count) -> assertThat(count).isEqualTo(10));
        int autoRows = tenancy.callAs(org.id(), () -> db.fetchCount(LEAD_ASSIGNMENTS,
                LEAD_ASSIGNMENTS.ORGANIZATION_ID.eq(org.id()).and(LEAD_ASSIGNMENTS.ACTION.eq("auto"))));
        assertThat(autoRows).isEqualTo(leads);
    }

    /** Creates a lead as the core does: insert, then publish LeadCreated in the same transaction. */
    private UUID createLead(Org org, UUID branchId, String source, String platform) {
        UUID status = openStatus(org);
        UUID id = Ids.newId();
        tenancy.runAs(org.id(), () -> {
            db.insertInto(LEADS)
                    .set(LEADS.ORGANIZATION_ID, org.id())
                    .set(LEADS.ID, id)
                    .set(LEADS.FIRST_NAME, "New")
                    .set(LEADS.STATUS_ID, status)
                    .set(LEADS.BRANCH_ID, branchId)
                    .set(LEADS.SOURCE, source)
                    .set(LEADS.PLATFORM, platform)
                    .execute();
            publisher.publishEvent(new LeadEvents.LeadCreated(org.id(), id, org.adminId(), platform, source, branchId));
        });
        return id;
    }

    /** Counselors ordered as the round robin takes them (by id). */
    private List<UUID> counselors(Org org, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(userWithRole(org, "counselor").id());
        }
        return ids.stream().sorted(AssignmentStrategy.BY_ID).toList();
    }

    private void mode(Org org, String mode) {
        api.put("/api/v1/assignments/settings", org.adminToken(), Map.of("mode", mode)).expect(200);
    }
}
