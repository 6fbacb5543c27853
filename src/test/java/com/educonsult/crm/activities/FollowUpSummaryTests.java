package com.educonsult.crm.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FollowUpSummaryTests extends ActivityFixtures {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    private void followUp(Org org, UUID lead, String priority, OffsetDateTime due) {
        logActivity(org, org.adminToken(), lead, Map.of("status", "pending", "priority", priority,
                "next_follow_up_date", due.toString()));
    }

    @Test
    void theSummaryCountsPendingFollowUpsByPriorityAndDueTimeInTheOrganizationsCalendar() {
        Org org = registerOrganization();
        UUID lead = lead(org);
        OffsetDateTime now = OffsetDateTime.now();
        LocalDate today = LocalDate.now(KOLKATA);
        followUp(org, lead, "urgent", now.plusHours(2));
        followUp(org, lead, "high", now.plusHours(30));
        followUp(org, lead, "medium", now.plusDays(5));
        followUp(org, lead, "low", today.minusDays(2).atStartOfDay(KOLKATA).toOffsetDateTime());
        logActivity(org, org.adminToken(), lead, Map.of("status", "completed",
                "next_follow_up_date", now.plusHours(1).toString()));

        JsonNode summary = api.get("/api/v1/activities/follow-ups/summary", org.adminToken()).expect(200).data();

        assertThat(summary.get("total_pending").asInt()).isEqualTo(4);
        assertThat(summary.get("pending_by_priority").properties()).hasSize(4);
        assertThat(summary.get("pending_by_priority").get("urgent").asInt()).isOne();
        assertThat(summary.get("urgent_pending").asInt()).isOne();
        assertThat(summary.get("high_pending").asInt()).isOne();
        assertThat(summary.get("due_within_24h").asInt()).isOne();
        assertThat(summary.get("due_within_week").asInt()).isEqualTo(3);
        assertThat(summary.get("overdue").asInt()).isOne();
        assertThat(summary.get("time_zone").asString()).isEqualTo("Asia/Kolkata");
        assertThat(summary.get("today").asString()).isEqualTo(today.toString());
        OffsetDateTime endOfWeek = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atStartOfDay(KOLKATA)
                .toOffsetDateTime();
        long dueThisWeek = java.util.stream.Stream.of(now.plusHours(2), now.plusHours(30), now.plusDays(5))
                .filter(due -> due.isBefore(endOfWeek)).count();
        assertThat(summary.get("due_this_week").asLong()).isEqualTo(dueThisWeek);
        OffsetDateTime endOfToday = today.plusDays(1).atStartOfDay(KOLKATA).toOffsetDateTime();
        long dueToday = java.util.stream.Stream.of(now.plusHours(2), now.plusHours(30), now.plusDays(5))
                .filter(due -> due.isBefore(endOfToday)).count();
        assertThat(summary.get("due_today").asLong()).isEqualTo(dueToday);
    }

    @Test
    void aCounselorCountsOnlyTheFollowUpsOfTheirOwnLeads() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID theirs = lead(org, counselor.id());
        UUID someoneElses = lead(org);
        followUp(org, theirs, "high", OffsetDateTime.now().plusHours(3));
        followUp(org, someoneElses, "high", OffsetDateTime.now().plusHours(3));
        followUp(org, someoneElses, "urgent", OffsetDateTime.now().plusHours(3));

        JsonNode mine = api.get("/api/v1/activities/follow-ups/summary", counselor.token()).expect(200).data();

        assertThat(mine.get("total_pending").asInt()).isOne();
        assertThat(mine.get("urgent_pending").asInt()).isZero();
        assertThat(api.get("/api/v1/activities/follow-ups/summary", org.adminToken()).expect(200).data()
                .get("total_pending").asInt()).isEqualTo(3);
    }

    @Test
    void theSummaryNeedsLeadsReadAndAWellFormedUserId() {
        Org org = registerOrganization();
        TestUser nothing = userWithPermissions(org, "profile:manage");
        followUp(org, lead(org), "low", OffsetDateTime.now().plusHours(3));

        assertThat(api.get("/api/v1/activities/follow-ups/summary?user_id=nope", org.adminToken()).expect(400)
                .errorField()).isEqualTo("user_id");
        assertThat(api.get("/api/v1/activities/follow-ups/summary?user_id=" + org.adminId(), org.adminToken())
                .expect(200).data().get("total_pending").asInt()).isOne();
        assertThat(api.get("/api/v1/activities/follow-ups/summary?user_id=" + UUID.randomUUID(), org.adminToken())
                .expect(200).data().get("total_pending").asInt()).isZero();
        api.get("/api/v1/activities/follow-ups/summary", nothing.token()).expect(403);
        api.get("/api/v1/activities/follow-ups/summary", null).expect(401);
        assertThat(api.get("/api/v1/activities/follow-ups/summary", registerOrganization().adminToken()).expect(200)
                .data().get("total_pending").asInt()).isZero();
    }
}
