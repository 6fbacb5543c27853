package com.educonsult.crm.activities;

import static com.educonsult.crm.jooq.Tables.ACTIVITIES;
import static com.educonsult.crm.jooq.Tables.NOTES;
import static com.educonsult.crm.jooq.Tables.TASKS;

import com.educonsult.crm.identity.DemoOrganizationSeeded.Member;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.leads.DemoLeadsSeeded;
import com.educonsult.crm.leads.DemoLeadsSeeded.DemoLead;
import com.educonsult.crm.leads.DemoLeadsSeeded.StatusEntered;
import com.educonsult.crm.platform.security.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Row4;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.DSL;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo organization's notes and tasks, written by the leads' owners through the same services as the API:
 * notes on the leads that were worked, and open follow-ups due earlier today or later today, overdue, and next
 * week, so that every owner's task list has something in each. Dates what the lead events recorded (assignments,
 * status changes) and the notes at the times the demo leads say.
 */
@Component
class DemoActivities {

    private static final long SEED = 20_260_102L;
    private static final Set<String> CLOSED = Set.of("enrolled", "lost");

    private final Notes notes;
    private final Tasks tasks;
    private final UserDirectory users;
    private final DSLContext db;
    private final Clock clock;

    DemoActivities(Notes notes, Tasks tasks, UserDirectory users, DSLContext db, Clock clock) {
        this.notes = notes;
        this.tasks = tasks;
        this.users = users;
        this.db = db;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void seed(DemoLeadsSeeded seeded) {
        UUID organizationId = seeded.organization().organizationId();
        Map<UUID, Member> members = seeded.organization().members().stream()
                .collect(Collectors.toMap(Member::id, Function.identity()));
        ZoneId zone = users.timeZone(organizationId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Random random = new Random(SEED);
        List<Query> dates = new ArrayList<>();
        List<Row4<UUID, String, String, OffsetDateTime>> events = new ArrayList<>();
        for (DemoLead lead : seeded.leads()) {
            dateLeadEvents(lead, events);
            if (lead.assignedTo() == null) {
                continue;
            }
            CurrentUser owner = members.get(lead.assignedTo()).principal();
            if (lead.history().size() > 1) {
                dates.add(note(owner, lead, random));
            }
            if (!CLOSED.contains(lead.current().statusCode())) {
                dates.add(followUp(owner, lead, random, now, zone));
            }
        }
        dateActivities(organizationId, events);
        db.batch(dates).execute();
    }

    /** The assignment and status change activities the lead events recorded, at the lead's own times. */
    private static void dateLeadEvents(DemoLead lead, List<Row4<UUID, String, String, OffsetDateTime>> dates) {
        if (lead.assignedAt() != null) {
            dates.add(eventAt(lead.id(), "assignment", null, lead.assignedAt()));
        }
        for (StatusEntered entered : lead.history().subList(1, lead.history().size())) {
            dates.add(eventAt(lead.id(), "status_change", entered.statusId().toString(), entered.at()));
        }
    }

    private static Row4<UUID, String, String, OffsetDateTime> eventAt(UUID leadId, String type, String toStatusId,
            OffsetDateTime at) {
        return DSL.row(DSL.val(leadId), DSL.val(type), DSL.cast(DSL.val(toStatusId, SQLDataType.CLOB),
                SQLDataType.CLOB), DSL.cast(DSL.val(at, SQLDataType.TIMESTAMPWITHTIMEZONE),
                SQLDataType.TIMESTAMPWITHTIMEZONE));
    }

    /** One statement for all of them: a lead's activity of the type (and target status) gets its time. */
    private void dateActivities(UUID organizationId, List<Row4<UUID, String, String, OffsetDateTime>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        var dates = DSL.values(rows.toArray(Row4[]::new)).as("dates", "lead_id", "activity_type", "to_status_id",
                "at");
        Field<String> toStatusId = dates.field("to_status_id", String.class);
        Field<OffsetDateTime> at = dates.field("at", OffsetDateTime.class);
        db.update(ACTIVITIES).set(ACTIVITIES.OCCURRED_AT, at).set(ACTIVITIES.CREATED_AT, at)
                .set(ACTIVITIES.UPDATED_AT, at)
                .from(dates)
                .where(ACTIVITIES.ORGANIZATION_ID.eq(organizationId),
                        ACTIVITIES.LEAD_ID.eq(dates.field("lead_id", UUID.class)),
                        ACTIVITIES.ACTIVITY_TYPE.eq(dates.field("activity_type", String.class)),
                        toStatusId.isNull().or(DSL.field("{0} ->> 'to_status_id'", String.class, ACTIVITIES.DETAILS)
                                .eq(toStatusId)))
                .execute();
    }

    private Query note(CurrentUser owner, DemoLead lead, Random random) {
        String[] texts = {
            "Called " + lead.firstName() + ". Keen on " + lead.course() + "; asked about scholarships and the "
                    + "education loan process.",
            "Parents joined the call. Shared fee structure and living costs; they want to compare two countries.",
            "Sent the university shortlist on WhatsApp. " + lead.firstName() + " will share IELTS dates.",
            "Discussed budget and part-time work rules. Needs the document checklist by email.",
            "Spoke about intake timelines; transcripts and passport copy still pending."};
        Notes.NoteView note = notes.create(owner, lead.id(), new NoteRequests.Create(
                random.nextInt(3) == 0 ? "follow_up" : "call", texts[random.nextInt(texts.length)],
                random.nextInt(4) == 0 ? "high" : "medium", false, List.of(), null));
        OffsetDateTime at = between(lead.history().get(1).at(), lead.current().at(), random);
        return db.update(NOTES).set(NOTES.CREATED_AT, at).set(NOTES.UPDATED_AT, at)
                .where(NOTES.ORGANIZATION_ID.eq(owner.organizationId()), NOTES.ID.eq(note.id()));
    }

    /** An open follow-up: a quarter overdue, a third due today, the rest in the coming week. */
    private Query followUp(CurrentUser owner, DemoLead lead, Random random, OffsetDateTime now, ZoneId zone) {
        int roll = random.nextInt(12);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate day = roll < 3 ? today.minusDays(1 + random.nextInt(5)) : roll < 7 ? today
                : today.plusDays(1 + random.nextInt(7));
        OffsetDateTime due = day.atTime(10 + random.nextInt(8), random.nextBoolean() ? 0 : 30).atZone(zone)
                .toOffsetDateTime();
        if (due.isBefore(lead.createdAt())) {
            due = lead.createdAt().plusHours(2);
        }
        String[][] kinds = {
            {"call", "Call " + lead.firstName() + " about " + lead.course() + " options"},
            {"follow_up", "Follow up: documents for " + lead.course()},
            {"meeting", "Counselling session with " + lead.fullName() + " and parents"},
            {"follow_up", "Share the shortlist and fee comparison with " + lead.firstName()}};
        String[] kind = kinds[random.nextInt(kinds.length)];
        Tasks.TaskView task = tasks.create(owner, new TaskRequests.Create(lead.id(), kind[1], null, kind[0], due,
                null, roll < 3 ? "high" : "medium"));
        OffsetDateTime createdAt = latest(lead.createdAt(), earliest(lead.current().at(), due.minusHours(2), now));
        return db.update(TASKS).set(TASKS.CREATED_AT, createdAt).set(TASKS.UPDATED_AT, createdAt)
                .where(TASKS.ORGANIZATION_ID.eq(owner.organizationId()), TASKS.ID.eq(task.id()));
    }

    private static OffsetDateTime between(OffsetDateTime from, OffsetDateTime to, Random random) {
        long seconds = Math.max(1, Duration.between(from, to).toSeconds());
        return from.plusSeconds((long) (seconds * random.nextDouble()));
    }

    private static OffsetDateTime latest(OffsetDateTime one, OffsetDateTime other) {
        return one.isAfter(other) ? one : other;
    }

    private static OffsetDateTime earliest(OffsetDateTime... times) {
        OffsetDateTime earliest = times[0];
        for (OffsetDateTime time : times) {
            earliest = time.isBefore(earliest) ? time : earliest;
        }
        return earliest;
    }
}
