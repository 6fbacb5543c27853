package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.LEAD_ASSIGNMENTS;
import static com.educonsult.crm.jooq.Tables.LEAD_STAGES;

import com.educonsult.crm.identity.DemoOrganizationSeeded;
import com.educonsult.crm.identity.DemoOrganizationSeeded.Member;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.platform.security.CurrentUser;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Row2;
import org.jooq.Row3;
import org.jooq.Row5;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives the demo organization its leads ({@link DemoLeadPlans}): created, assigned by their branch's manager and
 * moved along the pipeline by their owner through the same services as the API, so that stage history, assignment
 * history, activities and audit are what real use would leave. The services date everything now; the demo's past
 * (created over the last weeks, stages entered on different days) is then written onto the leads' own rows.
 */
@Component
class DemoLeads {

    private static final int COUNSELOR_SHARE = 2;

    private final Leads leads;
    private final Assignments assignments;
    private final StatusChanges statusChanges;
    private final Stages stages;
    private final LeadStatuses statuses;
    private final UserDirectory users;
    private final DSLContext db;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DemoLeads(Leads leads, Assignments assignments, StatusChanges statusChanges, Stages stages, LeadStatuses statuses,
            UserDirectory users, DSLContext db, ApplicationEventPublisher events, Clock clock) {
        this.leads = leads;
        this.assignments = assignments;
        this.statusChanges = statusChanges;
        this.stages = stages;
        this.statuses = statuses;
        this.users = users;
        this.db = db;
        this.events = events;
        this.clock = clock;
    }

    /** A created lead and the rows whose times the demo's past replaces. */
    private record Created(DemoLeadPlans.Plan plan, UUID id, UUID branchId, UUID assignee, UUID assignmentId,
            List<UUID> stageIds, List<DemoLeadsSeeded.StatusEntered> history) {
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void seed(DemoOrganizationSeeded organization) {
        UUID organizationId = organization.organizationId();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Map<String, LeadStatus> byCode = statuses.all(organizationId).stream()
                .collect(Collectors.toMap(LeadStatus::code, Function.identity()));
        List<DemoLeadPlans.Plan> plans = DemoLeadPlans.generate(now, users.timeZone(organizationId),
                organization.members().stream().map(Member::phone).collect(Collectors.toSet()));
        List<Created> created = new ArrayList<>(plans.size());
        for (DemoLeadPlans.Plan plan : plans) {
            created.add(create(organization, plan, byCode));
        }
        writePast(organizationId, created);
        events.publishEvent(new DemoLeadsSeeded(organization, created.stream().map(DemoLeads::seeded).toList()));
    }

    private Created create(DemoOrganizationSeeded organization, DemoLeadPlans.Plan plan,
            Map<String, LeadStatus> byCode) {
        UUID organizationId = organization.organizationId();
        DemoOrganizationSeeded.Branch branch = organization.branches().get(plan.branch());
        LeadView lead = leads.create(organization.admin().principal(), request(branch.id(), plan));
        List<UUID> stageIds = new ArrayList<>(List.of(stages.current(organizationId, lead.id()).orElseThrow().getId()));
        Member owner = plan.assigned() ? owner(organization, branch.id(), plan.assigneeSlot()) : null;
        UUID assignmentId = null;
        if (owner != null) {
            CurrentUser manager = manager(organization, branch.id()).principal();
            assignmentId = assignments.assign(manager, new AssignmentRequests.Assign(lead.id(), owner.id(),
                    "New " + plan.source().source() + " lead for " + branch.city(), null)).id();
            for (String code : plan.path().subList(1, plan.path().size())) {
                stageIds.add(statusChanges.change(owner.principal(), lead.id(), byCode.get(code).id(), null,
                        stageNote(code, plan), null).stageId());
            }
        }
        List<DemoLeadsSeeded.StatusEntered> history = new ArrayList<>();
        for (int i = 0; i < plan.path().size(); i++) {
            history.add(new DemoLeadsSeeded.StatusEntered(byCode.get(plan.path().get(i)).id(), plan.path().get(i),
                    plan.enteredAt().get(i)));
        }
        return new Created(plan, lead.id(), branch.id(), owner == null ? null : owner.id(), assignmentId, stageIds,
                history);
    }

    private static LeadRequest request(UUID branchId, DemoLeadPlans.Plan plan) {
        DemoLeadPlans.Source source = plan.source();
        return new LeadRequest(branchId, plan.firstName(), plan.lastName(), plan.phone(), null, plan.email(),
                plan.gender(), plan.city(), plan.state(), "India", null, null, null, "self", null,
                plan.education(), null, plan.percentage(), null, plan.graduationYear(),
                List.of(plan.interest().course()), plan.countries(), null, plan.budgetMin(), plan.budgetMax(), "INR",
                plan.intake(), plan.priority(), source.source(), source.details(), List.of(), source.platform(),
                null, null, null, null, null, null, source.utmSource(), source.utmMedium(), source.utmCampaign(),
                null, null, null, null, null, null, null, null, null, "new", null, null);
    }

    private static String stageNote(String code, DemoLeadPlans.Plan plan) {
        String course = plan.interest().course();
        String country = plan.countries().getFirst();
        return switch (code) {
            case "contacted" -> "Spoke to " + plan.firstName() + "; interested in " + course + " in " + country;
            case "counselling_scheduled" -> "Counselling session booked at the branch";
            case "counselled" -> "Shortlisted universities in " + country + "; budget discussed";
            case "application_submitted" -> "Applications submitted for " + course;
            case "offer_received" -> "Offer letter received from the university";
            case "visa_applied" -> "Student visa filed for " + country;
            case "enrolled" -> "Fees paid and enrolled for " + plan.intake();
            case "lost" -> "Not pursuing this year (budget or family decision)";
            default -> null;
        };
    }

    /** The branch's counselors take two leads for each one of its agents. */
    private static Member owner(DemoOrganizationSeeded organization, UUID branchId, int slot) {
        List<Member> team = new ArrayList<>();
        for (Member member : organization.members()) {
            if (branchId.equals(member.branchId())) {
                if (member.role().equals("counselor")) {
                    for (int i = 0; i < COUNSELOR_SHARE; i++) {
                        team.add(member);
                    }
                } else if (member.role().equals("agent")) {
                    team.add(member);
                }
            }
        }
        return team.get(slot % team.size());
    }

    private static Member manager(DemoOrganizationSeeded organization, UUID branchId) {
        return organization.withRole("manager").stream().filter(member -> branchId.equals(member.branchId()))
                .findFirst().orElse(organization.admin());
    }

    /** Dates the leads, their assignments and their stages as the plans say: one statement per table. */
    private void writePast(UUID organizationId, List<Created> created) {
        List<Row5<UUID, OffsetDateTime, OffsetDateTime, OffsetDateTime, OffsetDateTime>> leadRows = new ArrayList<>();
        List<Row2<UUID, OffsetDateTime>> assignmentRows = new ArrayList<>();
        List<Row3<UUID, OffsetDateTime, OffsetDateTime>> stageRows = new ArrayList<>();
        for (Created lead : created) {
            List<OffsetDateTime> entered = lead.plan().enteredAt();
            OffsetDateTime last = entered.getLast();
            boolean enrolled = lead.plan().path().getLast().equals("enrolled");
            leadRows.add(DSL.row(DSL.val(lead.id()), time(lead.plan().createdAt()), time(last),
                    time(lead.plan().assignedAt()), time(enrolled ? last : null)));
            if (lead.assignmentId() != null) {
                assignmentRows.add(DSL.row(DSL.val(lead.assignmentId()), time(lead.plan().assignedAt())));
            }
            for (int i = 0; i < lead.stageIds().size(); i++) {
                stageRows.add(DSL.row(DSL.val(lead.stageIds().get(i)), time(entered.get(i)),
                        time(i + 1 < entered.size() ? entered.get(i + 1) : null)));
            }
        }
        dateLeads(organizationId, leadRows);
        dateAssignments(organizationId, assignmentRows);
        dateStages(organizationId, stageRows);
    }

    private void dateLeads(UUID organizationId,
            List<Row5<UUID, OffsetDateTime, OffsetDateTime, OffsetDateTime, OffsetDateTime>> rows) {
        var dates = DSL.values(rows.toArray(Row5[]::new))
                .as("dates", "id", "created_at", "updated_at", "assigned_at", "converted_at");
        db.update(LEADS)
                .set(LEADS.CREATED_AT, dates.field("created_at", OffsetDateTime.class))
                .set(LEADS.UPDATED_AT, dates.field("updated_at", OffsetDateTime.class))
                .set(LEADS.ASSIGNED_AT, dates.field("assigned_at", OffsetDateTime.class))
                .set(LEADS.CONVERTED_AT, DSL.coalesce(dates.field("converted_at", OffsetDateTime.class),
                        LEADS.CONVERTED_AT))
                .from(dates)
                .where(LEADS.ORGANIZATION_ID.eq(organizationId), LEADS.ID.eq(dates.field("id", UUID.class)))
                .execute();
    }

    private void dateAssignments(UUID organizationId, List<Row2<UUID, OffsetDateTime>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        var dates = DSL.values(rows.toArray(Row2[]::new)).as("dates", "id", "created_at");
        db.update(LEAD_ASSIGNMENTS)
                .set(LEAD_ASSIGNMENTS.CREATED_AT, dates.field("created_at", OffsetDateTime.class))
                .from(dates)
                .where(LEAD_ASSIGNMENTS.ORGANIZATION_ID.eq(organizationId),
                        LEAD_ASSIGNMENTS.ID.eq(dates.field("id", UUID.class)))
                .execute();
    }

    /** Stages entered and left at the given times; each SLA deadline keeps its distance from entering. */
    private void dateStages(UUID organizationId, List<Row3<UUID, OffsetDateTime, OffsetDateTime>> rows) {
        var dates = DSL.values(rows.toArray(Row3[]::new)).as("dates", "id", "entered_at", "exited_at");
        Field<OffsetDateTime> enteredAt = dates.field("entered_at", OffsetDateTime.class);
        Field<OffsetDateTime> exitedAt = dates.field("exited_at", OffsetDateTime.class);
        db.update(LEAD_STAGES)
                .set(LEAD_STAGES.SLA_DUE_AT, DSL.field("{0} + ({1} - {2})", OffsetDateTime.class, enteredAt,
                        LEAD_STAGES.SLA_DUE_AT, LEAD_STAGES.ENTERED_AT))
                .set(LEAD_STAGES.ENTERED_AT, enteredAt)
                .set(LEAD_STAGES.EXITED_AT, exitedAt)
                .set(LEAD_STAGES.DURATION_SECONDS, DSL.field("extract(epoch from {0} - {1})::bigint", Long.class,
                        exitedAt, enteredAt))
                .from(dates)
                .where(LEAD_STAGES.ORGANIZATION_ID.eq(organizationId), LEAD_STAGES.ID.eq(dates.field("id", UUID.class)))
                .execute();
    }

    private static Field<OffsetDateTime> time(OffsetDateTime time) {
        return DSL.cast(DSL.val(time, SQLDataType.TIMESTAMPWITHTIMEZONE), SQLDataType.TIMESTAMPWITHTIMEZONE);
    }

    private static DemoLeadsSeeded.DemoLead seeded(Created lead) {
        DemoLeadPlans.Plan plan = lead.plan();
        return new DemoLeadsSeeded.DemoLead(lead.id(), plan.firstName(), plan.firstName() + " " + plan.lastName(),
                plan.phone(), lead.branchId(), lead.assignee(), plan.interest().course(), plan.createdAt(),
                plan.assignedAt(), List.copyOf(lead.history()));
    }
}
