package com.educonsult.crm.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ActivityTests extends ActivityFixtures {

    @Test
    void loggingACallRecordsItOnTheLeadAndMarksTheContact() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = lead(org, counselor.id());

        var logged = api.post("/api/v1/activities/log", counselor.token(), Map.of("lead_id", lead.toString(),
                "activity_type", "call", "description", "Discussed IELTS", "outcome", "interested",
                "duration_seconds", 300, "priority", "high")).expect(201).data();
        assertThat(logged.get("status").asString()).isEqualTo("completed");
        assertThat(logged.get("user_id").asString()).isEqualTo(counselor.id().toString());
        assertThat(lastContact(org, lead)).isNotNull();
        assertThat(engagement(org, lead)).isEqualTo("active");

        var list = api.get("/api/v1/activities/lead/" + lead + "?type=call&priority=high", counselor.token())
                .expect(200);
        assertThat(list.body().get("meta").get("total").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/activities/lead/" + lead + "?type=email", counselor.token()).expect(200)
                .data().size()).isZero();
        assertThat(api.get("/api/v1/activities/user", counselor.token()).expect(200).data().size()).isEqualTo(1);
        assertThat(api.get("/api/v1/activities", org.adminToken()).expect(200).data().size()).isEqualTo(1);
    }

    @Test
    void threeInteractionsInAWeekMakeALeadHot() {
        Org org = registerOrganization();
        UUID lead = lead(org);
        for (String type : List.of("call", "email", "whatsapp")) {
            logActivity(org, org.adminToken(), lead, Map.of("activity_type", type));
        }
        assertThat(engagement(org, lead)).isEqualTo("hot");
    }

    @Test
    void interactionsAreTheSameActivitiesInSeed03sShape() {
        Org org = registerOrganization();
        UUID lead = lead(org);

        var created = api.post("/api/v1/leads/" + lead + "/interactions", org.adminToken(), Map.of("type", "email",
                "direction", "inbound", "summary", "Asked about fees")).expect(201).data();
        assertThat(created.get("summary").asString()).isEqualTo("Asked about fees");
        assertThat(created.get("direction").asString()).isEqualTo("inbound");

        var interactions = api.get("/api/v1/leads/" + lead + "/interactions", org.adminToken()).expect(200).data();
        assertThat(interactions.size()).isEqualTo(1);
        var activities = api.get("/api/v1/activities/lead/" + lead, org.adminToken()).expect(200).data();
        assertThat(activities.get(0).get("id").asString()).isEqualTo(created.get("id").asString());
        assertThat(activities.get(0).get("activity_type").asString()).isEqualTo("email");
        assertThat(api.post("/api/v1/leads/" + lead + "/interactions", org.adminToken(),
                Map.of("type", "fax", "summary", "x")).expect(422).errorField()).isEqualTo("type");
    }

    @Test
    void followUpsArePendingOrOverdueByTheOrganizationsDay() {
        Org org = registerOrganization();
        UUID lead = lead(org);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID later = logActivity(org, org.adminToken(), lead, Map.of("status", "pending",
                "next_follow_up_date", now.plusDays(3).toString()));
        UUID late = logActivity(org, org.adminToken(), lead, Map.of("status", "pending",
                "next_follow_up_date", now.minusDays(3).toString()));

        var pending = api.get("/api/v1/activities/follow-ups/pending", org.adminToken()).expect(200).data();
        assertThat(pending.size()).isEqualTo(1);
        assertThat(pending.get(0).get("id").asString()).isEqualTo(later.toString());
        assertThat(pending.get(0).get("hours_until_follow_up").asLong()).isBetween(71L, 72L);
        var overdue = api.get("/api/v1/activities/follow-ups/overdue", org.adminToken()).expect(200).data();
        assertThat(overdue.size()).isEqualTo(1);
        assertThat(overdue.get(0).get("id").asString()).isEqualTo(late.toString());

        var summary = api.get("/api/v1/activities/summary", org.adminToken()).expect(200).data();
        assertThat(summary.get("time_zone").asString()).isEqualTo("Asia/Kolkata");
        assertThat(summary.get("by_status").get("pending").asInt()).isEqualTo(2);
        assertThat(summary.get("follow_ups").get("overdue").asInt()).isEqualTo(1);
        assertThat(summary.get("by_type").get(0).get("activity_type").asString()).isEqualTo("call");
    }

    @Test
    void statusAndFollowUpsChangeOneByOneOrInBulk() {
        Org org = registerOrganization();
        UUID lead = lead(org);
        UUID first = logActivity(org, org.adminToken(), lead, Map.of("status", "pending"));
        UUID second = logActivity(org, org.adminToken(), lead, Map.of("status", "pending"));
        String when = OffsetDateTime.now(ZoneOffset.UTC).plusDays(5).withNano(0).toString();

        var done = api.put("/api/v1/activities/update-status", org.adminToken(),
                Map.of("activity_id", first.toString(), "status", "completed", "notes", "Spoke to the parent"))
                .expect(200).data();
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("outcome").asString()).isEqualTo("Spoke to the parent");
        var moved = api.put("/api/v1/activities/update-follow-up", org.adminToken(),
                Map.of("activity_id", second.toString(), "next_follow_up_date", when)).expect(200).data();
        assertThat(OffsetDateTime.parse(moved.get("next_follow_up_date").asString()).toInstant())
                .isEqualTo(OffsetDateTime.parse(when).toInstant());
        var bulk = api.put("/api/v1/activities/bulk-update-follow-ups", org.adminToken(),
                Map.of("activity_ids", List.of(first.toString(), second.toString()), "next_follow_up_date", when))
                .expect(200).data();
        assertThat(bulk.get("updated_count").asInt()).isEqualTo(2);
    }

    @Test
    void invalidActivityRequestsAreRefusedNamingTheField() {
        Org org = registerOrganization();
        UUID lead = lead(org);
        UUID activity = logActivity(org, org.adminToken(), lead, Map.of());
        String when = OffsetDateTime.now(ZoneOffset.UTC).toString();

        assertThat(api.post("/api/v1/activities/log", org.adminToken(), Map.of("lead_id", lead.toString(),
                "activity_type", "carrier_pigeon", "description", "x")).expect(422).errorField()).isEqualTo("activity_type");
        assertThat(api.post("/api/v1/activities/log", org.adminToken(), Map.of("activity_type", "call",
                "description", "x")).expect(422).errorField()).isEqualTo("lead_id");
        assertThat(api.post("/api/v1/activities/log", org.adminToken(), Map.of("lead_id", lead.toString(),
                "activity_type", "call", "description", "x", "duration_seconds", -1)).expect(422).errorField())
                .isEqualTo("duration_seconds");
        assertThat(api.put("/api/v1/activities/update-status", org.adminToken(), Map.of("activity_id",
                activity.toString(), "status", "done")).expect(422).errorField()).isEqualTo("status");
        assertThat(api.put("/api/v1/activities/update-follow-up", org.adminToken(), Map.of("activity_id",
                activity.toString())).expect(422).errorField()).isEqualTo("next_follow_up_date");
        List<String> tooMany = Collections.nCopies(501, activity.toString());
        assertThat(api.put("/api/v1/activities/bulk-update-follow-ups", org.adminToken(), Map.of("activity_ids",
                tooMany, "next_follow_up_date", when)).expect(422).errorField()).isEqualTo("activity_ids");
        assertThat(api.get("/api/v1/activities?status=done", org.adminToken()).expect(422).errorField())
                .isEqualTo("status");
        assertThat(api.get("/api/v1/activities/summary?from=2025-02-01&to=2025-01-01", org.adminToken())
                .expect(422).errorField()).isEqualTo("from");
    }

    @Test
    void malformedJsonOrWrongTypesAreABadRequest() {
        Org org = registerOrganization();
        UUID lead = lead(org);

        api.raw("POST", "/api/v1/activities/log", org.adminToken(), "application/json", "{").expect(400);
        api.raw("PUT", "/api/v1/activities/update-status", org.adminToken(), "application/json", "[").expect(400);
        api.raw("POST", "/api/v1/leads/" + lead + "/interactions", org.adminToken(), "application/json", "{").expect(400);
        assertThat(api.post("/api/v1/activities/log", org.adminToken(), Map.of("lead_id", "nope",
                "activity_type", "call", "description", "x")).expect(400).errorField()).isEqualTo("lead_id");
        assertThat(api.put("/api/v1/activities/bulk-update-follow-ups", org.adminToken(), Map.of("activity_ids",
                "x", "next_follow_up_date", "soon")).expect(400).errorField()).isNotNull();
        assertThat(api.get("/api/v1/activities?from=yesterday", org.adminToken()).expect(400).errorField())
                .isEqualTo("from");
    }

    @Test
    void readingAndWritingActivitiesNeedThePermissions() {
        Org org = registerOrganization();
        TestUser readOnly = userWithPermissions(org, "leads:read");
        TestUser nothing = userWithPermissions(org, "profile:manage");
        UUID lead = lead(org, readOnly.id());
        UUID activity = logActivity(org, org.adminToken(), lead, Map.of());

        api.get("/api/v1/activities/lead/" + lead, readOnly.token()).expect(200);
        api.get("/api/v1/activities", nothing.token()).expect(403);
        api.get("/api/v1/activities/follow-ups/pending", nothing.token()).expect(403);
        api.get("/api/v1/activities/summary", nothing.token()).expect(403);
        api.get("/api/v1/leads/" + lead + "/interactions", nothing.token()).expect(403);
        api.post("/api/v1/activities/log", readOnly.token(), Map.of("lead_id", lead.toString(),
                "activity_type", "call", "description", "x")).expect(403);
        api.post("/api/v1/leads/" + lead + "/interactions", readOnly.token(), Map.of("type", "call",
                "summary", "x")).expect(403);
        api.put("/api/v1/activities/update-status", readOnly.token(), Map.of("activity_id", activity.toString(),
                "status", "cancelled")).expect(403);
        api.put("/api/v1/activities/update-follow-up", readOnly.token(), Map.of("activity_id", activity.toString(),
                "next_follow_up_date", OffsetDateTime.now().toString())).expect(403);
        api.put("/api/v1/activities/bulk-update-follow-ups", readOnly.token(), Map.of("activity_ids",
                List.of(activity.toString()), "next_follow_up_date", OffsetDateTime.now().toString())).expect(403);
    }

    @Test
    void anAgentCannotReadOrChangeActivitiesOfALeadNotAssignedToThem() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID mine = lead(org, agent.id());
        UUID other = lead(org);
        UUID hidden = logActivity(org, org.adminToken(), other, Map.of("status", "pending",
                "next_follow_up_date", OffsetDateTime.now().plusDays(1).toString()));
        UUID visible = logActivity(org, org.adminToken(), mine, Map.of());
        String when = OffsetDateTime.now().toString();

        api.get("/api/v1/activities/lead/" + other, agent.token()).expect(404);
        api.get("/api/v1/activities/lead/" + other + "/timeline", agent.token()).expect(404);
        api.get("/api/v1/leads/" + other + "/interactions", agent.token()).expect(404);
        api.post("/api/v1/leads/" + other + "/interactions", agent.token(), Map.of("type", "call", "summary", "x"))
                .expect(404);
        assertThat(api.post("/api/v1/activities/log", agent.token(), Map.of("lead_id", other.toString(),
                "activity_type", "call", "description", "x")).expect(422).errorField()).isEqualTo("lead_id");
        api.put("/api/v1/activities/update-status", agent.token(), Map.of("activity_id", hidden.toString(),
                "status", "cancelled")).expect(404);
        api.put("/api/v1/activities/update-follow-up", agent.token(), Map.of("activity_id", hidden.toString(),
                "next_follow_up_date", when)).expect(404);
        api.put("/api/v1/activities/bulk-update-follow-ups", agent.token(), Map.of("activity_ids",
                List.of(visible.toString(), hidden.toString()), "next_follow_up_date", when)).expect(404);
        var all = api.get("/api/v1/activities", agent.token()).expect(200).data();
        assertThat(all.size()).isEqualTo(1);
        assertThat(all.get(0).get("id").asString()).isEqualTo(visible.toString());
        assertThat(api.get("/api/v1/activities/follow-ups/pending", agent.token()).expect(200).data().size()).isZero();
        assertThat(api.get("/api/v1/activities/summary", agent.token()).expect(200).data().get("total").asInt())
                .isEqualTo(1);
    }

    @Test
    void anotherOrganizationsLeadsAndActivitiesAreNotFoundWithNoData() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID foreignLead = lead(other);
        UUID foreign = logActivity(other, other.adminToken(), foreignLead, Map.of());

        var read = api.get("/api/v1/activities/lead/" + foreignLead, org.adminToken()).expect(404);
        assertThat(read.body().has("data")).isFalse();
        api.get("/api/v1/leads/" + foreignLead + "/interactions", org.adminToken()).expect(404);
        assertThat(api.post("/api/v1/activities/log", org.adminToken(), Map.of("lead_id", foreignLead.toString(),
                "activity_type", "call", "description", "x")).expect(422).errorField()).isEqualTo("lead_id");
        api.put("/api/v1/activities/update-status", org.adminToken(), Map.of("activity_id", foreign.toString(),
                "status", "cancelled")).expect(404);
        assertThat(api.get("/api/v1/activities", org.adminToken()).expect(200).data().size()).isZero();
    }
}
