package com.educonsult.crm.notifications.triggers;

import static com.educonsult.crm.jooq.Tables.LEAD_STAGES;
import static com.educonsult.crm.jooq.Tables.NOTIFICATIONS;
import static com.educonsult.crm.jooq.Tables.NOTIFICATION_DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.calls.RecordingFailed;
import com.educonsult.crm.jooq.tables.records.NotificationsRecord;
import com.educonsult.crm.leads.LeadEvents;
import com.educonsult.crm.support.ApiTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/** Each trigger notifies whom it should, once per cause. */
class TriggerTests extends ApiTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    @Autowired
    TimeTriggers triggers;

    @Autowired
    ApplicationEventPublisher events;

    private UUID lead(Org org, String firstName) {
        return UUID.fromString(api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", firstName,
                "last_name", "Menon", "phone", "+9198" + String.format("%08d", (long) (Math.random() * 1e8))))
                .expect(201).data().get("id").asString());
    }

    private UUID branch(Org org, String name) {
        return UUID.fromString(api.post("/api/v1/branches", org.adminToken(), Map.of("name", name)).expect(201)
                .data().get("id").asString());
    }

    private List<NotificationsRecord> notificationsOf(Org org, UUID userId) {
        return tenancy.callAs(org.id(), () -> db.selectFrom(NOTIFICATIONS)
                .where(NOTIFICATIONS.ORGANIZATION_ID.eq(org.id()), NOTIFICATIONS.USER_ID.eq(userId))
                .orderBy(NOTIFICATIONS.CREATED_AT).fetch());
    }

    private List<NotificationsRecord> notificationsOf(Org org, UUID userId, String kind) {
        return notificationsOf(org, userId).stream().filter(n -> n.getKind().equals(kind)).toList();
    }

    private UUID task(Org org, UUID lead, UUID assignee, String title, OffsetDateTime dueAt) {
        return UUID.fromString(api.post("/api/v1/tasks", org.adminToken(), Map.of("lead_id", lead.toString(),
                "title", title, "kind", "follow_up", "due_at", dueAt.toString(), "assignee_id", assignee.toString()))
                .expect(201).data().get("id").asString());
    }

    @Test
    void theAssigneeOfALeadIsToldButNotSomeoneWhoAssignsToThemselves() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = lead(org, "Priya");
        UUID own = lead(org, "Ravi");

        api.post("/api/v1/assignments/assign", org.adminToken(), Map.of("lead_id", lead.toString(),
                "assigned_to", counselor.id().toString(), "reason", "Speaks Malayalam")).expect(200);
        api.post("/api/v1/assignments/assign", org.adminToken(), Map.of("lead_id", own.toString(),
                "assigned_to", org.adminId().toString())).expect(200);

        List<NotificationsRecord> told = notificationsOf(org, counselor.id(), "lead_assigned");
        assertThat(told).hasSize(1);
        assertThat(told.getFirst().getTitle()).isEqualTo("New lead for you: Priya Menon");
        assertThat(told.getFirst().getBody()).contains("assigned Priya Menon to you").contains("Speaks Malayalam");
        assertThat(told.getFirst().getActionUrl()).isEqualTo("/leads/" + lead);
        assertThat(told.getFirst().getEntityId()).isEqualTo(lead);
        assertThat(notificationsOf(org, org.adminId(), "lead_assigned")).isEmpty();
    }

    @Test
    void theSameAssignmentSeenTwiceNotifiesOnce() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID lead = lead(org, "Anu");
        var assigned = new LeadEvents.LeadAssigned(org.id(), lead, null, counselor.id(), org.adminId(), "assign",
                null);

        tenancy.runAs(org.id(), () -> {
            events.publishEvent(assigned);
            events.publishEvent(assigned);
        });
        tenancy.runAs(org.id(), () -> events.publishEvent(new LeadEvents.LeadsAssigned(org.id(),
                List.of(assigned, assigned))));

        // the single event, and the batch naming the lead twice: one notification each
        assertThat(notificationsOf(org, counselor.id(), "lead_assigned")).hasSize(2);
    }

    @Test
    void manyLeadsAssignedAtOnceMakeOneNotificationPerAssignee() {
        Org org = registerOrganization();
        TestUser first = userWithRole(org, "counselor");
        TestUser second = userWithRole(org, "counselor");
        List<LeadEvents.LeadAssigned> batch = List.of(
                new LeadEvents.LeadAssigned(org.id(), lead(org, "A"), null, first.id(), org.adminId(), "import", null),
                new LeadEvents.LeadAssigned(org.id(), lead(org, "B"), null, first.id(), org.adminId(), "import", null),
                new LeadEvents.LeadAssigned(org.id(), lead(org, "C"), null, second.id(), org.adminId(), "import", null));

        tenancy.runAs(org.id(), () -> events.publishEvent(new LeadEvents.LeadsAssigned(org.id(), batch)));

        assertThat(notificationsOf(org, first.id(), "lead_assigned")).singleElement()
                .satisfies(n -> assertThat(n.getTitle()).isEqualTo("2 new leads for you"));
        assertThat(notificationsOf(org, second.id(), "lead_assigned")).singleElement()
                .satisfies(n -> assertThat(n.getTitle()).isEqualTo("New lead for you: C Menon"));
    }

    @Test
    void aNewInquiryTellsTheBranchManagersAndTheAdministratorsOnce() {
        Org org = registerOrganization();
        UUID kochi = branch(org, "Kochi");
        UUID pune = branch(org, "Pune");
        TestUser kochiManager = userWithRole(org, "manager", kochi);
        TestUser puneManager = userWithRole(org, "manager", pune);
        TestUser counselor = userWithRole(org, "counselor", kochi);
        UUID lead = lead(org, "Meera");
        var created = new LeadEvents.LeadCreated(org.id(), lead, null, "facebook", "lead_ads", kochi);

        tenancy.runAs(org.id(), () -> events.publishEvent(created));
        tenancy.runAs(org.id(), () -> events.publishEvent(created));

        assertThat(notificationsOf(org, kochiManager.id(), "new_inquiry")).singleElement().satisfies(n -> {
            assertThat(n.getTitle()).isEqualTo("New inquiry: Meera Menon");
            assertThat(n.getBody()).contains("Facebook");
        });
        assertThat(notificationsOf(org, org.adminId(), "new_inquiry")).hasSize(1);
        assertThat(notificationsOf(org, puneManager.id(), "new_inquiry")).isEmpty();
        assertThat(notificationsOf(org, counselor.id(), "new_inquiry")).isEmpty();
    }

    @Test
    void leadsTypedInByStaffAreNotInquiries() {
        Org org = registerOrganization();
        lead(org, "Typed");
        assertThat(notificationsOf(org, org.adminId(), "new_inquiry")).isEmpty();
    }

    @Test
    void someoneEnquiringAgainIsAnInquiryToo() {
        Org org = registerOrganization();
        UUID lead = lead(org, "Joseph");

        tenancy.runAs(org.id(), () -> events.publishEvent(new LeadEvents.LeadEnquiredAgain(org.id(), lead, "website",
                "contact_form", "phone", List.of("email"))));

        assertThat(notificationsOf(org, org.adminId(), "new_inquiry")).singleElement()
                .satisfies(n -> assertThat(n.getTitle()).isEqualTo("Joseph Menon enquired again"));
    }

    @Test
    void aFollowUpDueNowTellsItsAssigneeOnce() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(10);
        UUID task = task(org, lead(org, "Sana"), counselor.id(), "Discuss visa documents", due);
        Instant when = due.plusMinutes(1).toInstant();

        triggers.tasksDue(org.id(), when);
        triggers.tasksDue(org.id(), when.plusSeconds(60));

        assertThat(notificationsOf(org, counselor.id(), "follow_up_due")).singleElement().satisfies(n -> {
            assertThat(n.getTitle()).isEqualTo("Follow-up due now: Discuss visa documents");
            assertThat(n.getBody()).startsWith("With Sana Menon");
            assertThat(n.getEntityId()).isEqualTo(task);
        });
        // by default a due follow-up is also emailed
        assertThat(tenancy.callAs(org.id(), () -> db.fetchCount(NOTIFICATION_DELIVERIES,
                NOTIFICATION_DELIVERIES.ORGANIZATION_ID.eq(org.id()),
                NOTIFICATION_DELIVERIES.USER_ID.eq(counselor.id()), NOTIFICATION_DELIVERIES.CHANNEL.eq("email"))))
                .isEqualTo(1);
    }

    @Test
    void aFollowUpStillOpenAnHourAfterItWasDueIsOverdueOnce() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(10);
        UUID lead = lead(org, "Kiran");
        task(org, lead, counselor.id(), "Call back", due);
        UUID done = task(org, lead, counselor.id(), "Already done", due);
        api.patch("/api/v1/tasks/" + done, org.adminToken(), Map.of("status", "completed")).expect(200);

        triggers.tasksOverdue(org.id(), due.plusMinutes(30).toInstant());
        assertThat(notificationsOf(org, counselor.id(), "follow_up_overdue")).isEmpty();
        triggers.tasksOverdue(org.id(), due.plusMinutes(61).toInstant());
        triggers.tasksOverdue(org.id(), due.plusMinutes(62).toInstant());

        assertThat(notificationsOf(org, counselor.id(), "follow_up_overdue")).singleElement().satisfies(n -> {
            assertThat(n.getTitle()).isEqualTo("Follow-up overdue: Call back");
            assertThat(n.getPriority()).isEqualTo("high");
        });
    }

    @Test
    void theDailyDigestAtEightListsTheDaysFollowUpsOncePerUser() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser idle = userWithRole(org, "counselor");
        LocalDate day = LocalDate.now(KOLKATA).plusDays(2);
        UUID lead = lead(org, "Divya");
        task(org, lead, counselor.id(), "Send course list", day.atTime(15, 0).atZone(KOLKATA).toOffsetDateTime());
        task(org, lead, counselor.id(), "Confirm intake", day.atTime(10, 30).atZone(KOLKATA).toOffsetDateTime());
        task(org, lead, counselor.id(), "Tomorrow's", day.plusDays(1).atTime(9, 0).atZone(KOLKATA).toOffsetDateTime());

        assertThat(triggers.digest(org.id(), day.atTime(7, 59).atZone(KOLKATA).toInstant())).isZero();
        triggers.digest(org.id(), day.atTime(LocalTime.of(8, 0)).atZone(KOLKATA).toInstant());
        triggers.digest(org.id(), day.atTime(LocalTime.of(8, 5)).atZone(KOLKATA).toInstant());

        assertThat(notificationsOf(org, counselor.id(), "daily_digest")).singleElement().satisfies(n -> {
            assertThat(n.getTitle()).isEqualTo("2 follow-ups today");
            assertThat(n.getBody()).isEqualTo("10:30 AM  Confirm intake\n3:00 PM  Send course list");
            assertThat(n.getActionUrl()).isEqualTo("/follow-ups");
        });
        assertThat(notificationsOf(org, idle.id(), "daily_digest")).isEmpty();
        assertThat(tenancy.callAs(org.id(), () -> db.fetchCount(NOTIFICATION_DELIVERIES,
                NOTIFICATION_DELIVERIES.ORGANIZATION_ID.eq(org.id()),
                NOTIFICATION_DELIVERIES.USER_ID.eq(counselor.id()), NOTIFICATION_DELIVERIES.CHANNEL.eq("email"))))
                .as("one digest email").isEqualTo(1);
    }

    @Test
    void aLeadPastItsStageDeadlineTellsItsCounselorAndTheBranchManagersOnce() {
        Org org = registerOrganization();
        UUID kochi = branch(org, "Kochi");
        TestUser manager = userWithRole(org, "manager", kochi);
        TestUser counselor = userWithRole(org, "counselor", kochi);
        UUID lead = lead(org, "Arjun");
        api.patch("/api/v1/leads/" + lead, org.adminToken(), Map.of("branch_id", kochi.toString())).expect(200);
        api.post("/api/v1/assignments/assign", org.adminToken(), Map.of("lead_id", lead.toString(),
                "assigned_to", counselor.id().toString())).expect(200);
        OffsetDateTime deadline = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5);
        tenancy.runAs(org.id(), () -> db.update(LEAD_STAGES).set(LEAD_STAGES.SLA_DUE_AT, deadline)
                .where(LEAD_STAGES.ORGANIZATION_ID.eq(org.id()), LEAD_STAGES.LEAD_ID.eq(lead),
                        LEAD_STAGES.EXITED_AT.isNull()).execute());

        triggers.slaBreaches(org.id(), deadline.plusMinutes(1).toInstant());
        triggers.slaBreaches(org.id(), deadline.plusMinutes(2).toInstant());

        assertThat(notificationsOf(org, counselor.id(), "sla_breach")).singleElement()
                .satisfies(n -> assertThat(n.getTitle()).startsWith("Arjun Menon is past the "));
        assertThat(notificationsOf(org, manager.id(), "sla_breach")).hasSize(1);
    }

    @Test
    void aFailedRecordingUploadTellsTheUserWhosePhoneUploadsIt() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID recording = UUID.randomUUID();
        var failed = new RecordingFailed(org.id(), recording, UUID.randomUUID(), agent.id(),
                "The upload was not confirmed in time");

        tenancy.runAs(org.id(), () -> events.publishEvent(failed));
        tenancy.runAs(org.id(), () -> events.publishEvent(failed));

        assertThat(notificationsOf(org, agent.id(), "recording_failed")).singleElement().satisfies(n -> {
            assertThat(n.getBody()).startsWith("The upload was not confirmed in time.");
            assertThat(n.getEntityId()).isEqualTo(recording);
        });
    }
}
