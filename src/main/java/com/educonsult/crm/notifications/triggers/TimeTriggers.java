package com.educonsult.crm.notifications.triggers;

import com.educonsult.crm.activities.DueTasks;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.leads.LeadDirectory;
import com.educonsult.crm.leads.StageDeadlines;
import com.educonsult.crm.notifications.NewNotification;
import com.educonsult.crm.notifications.NotificationKind;
import com.educonsult.crm.notifications.NotificationProperties;
import com.educonsult.crm.notifications.Notifier;
import com.educonsult.crm.platform.Tenancy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The notifications that time brings: a task becoming due (to its assignee), a task still open a while after it
 * was due (once per task), a lead staying in a stage past its deadline (to its counselor and the branch's
 * managers), and the daily digest of each user's follow-ups at 08:00 in the organization's time zone. Each trigger
 * remembers per organization how far it has looked and reads only what became due since, through indexes; each
 * notification has a cause key, so a run repeated (a crash before the mark was saved, another server) writes
 * nothing twice.
 */
@Component
class TimeTriggers {

    private static final Logger log = LoggerFactory.getLogger(TimeTriggers.class);
    /** Rows one trigger reads in one organization per run; the rest wait for the next run. */
    static final int BATCH = 1000;
    /** Follow-ups listed in a digest; more are counted. */
    static final int DIGEST_LINES = 15;
    static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH);

    private final Tenancy tenancy;
    private final TriggerMarks marks;
    private final DueTasks tasks;
    private final StageDeadlines stages;
    private final LeadDirectory leads;
    private final UserDirectory users;
    private final Notifier notifier;
    private final NotificationProperties properties;

    TimeTriggers(Tenancy tenancy, TriggerMarks marks, DueTasks tasks, StageDeadlines stages, LeadDirectory leads,
            UserDirectory users, Notifier notifier, NotificationProperties properties) {
        this.tenancy = tenancy;
        this.marks = marks;
        this.tasks = tasks;
        this.stages = stages;
        this.leads = leads;
        this.users = users;
        this.notifier = notifier;
        this.properties = properties;
    }

    /** Every trigger for every active organization; one failing does not stop the others. */
    void runAll(Instant now) {
        for (UUID organizationId : users.activeOrganizations()) {
            runFor(organizationId, now);
        }
    }

    void runFor(UUID organizationId, Instant now) {
        for (String trigger : List.of("tasks_due", "tasks_overdue", "sla_breaches", "digest")) {
            try {
                switch (trigger) {
                    case "tasks_due" -> tasksDue(organizationId, now);
                    case "tasks_overdue" -> tasksOverdue(organizationId, now);
                    case "sla_breaches" -> slaBreaches(organizationId, now);
                    default -> digest(organizationId, now);
                }
            } catch (RuntimeException e) {
                log.warn("The {} notifications of organization {} failed", trigger, organizationId, e);
            }
        }
    }

    /** Tasks that became due since the last run: their assignees are told. Answers how many were notified. */
    int tasksDue(UUID organizationId, Instant now) {
        return tenancy.callAs(organizationId, () -> {
            OffsetDateTime upTo = utc(now);
            OffsetDateTime after = marks.get(organizationId, "tasks_due").orElse(upTo.minus(properties.lookBack()));
            List<DueTasks.DueTask> due = tasks.dueBetween(organizationId, after, upTo, BATCH);
            int notified = 0;
            for (DueTasks.DueTask task : due) {
                notified += notifier.notify(organizationId, List.of(task.assigneeId()), NewNotification.of(
                        NotificationKind.FOLLOW_UP_DUE, what(task) + " due now: " + task.title(),
                        about(organizationId, task), link(task), "task", task.id(),
                        "task_due:" + task.id() + ":" + task.dueAt().toEpochSecond())
                        .withPriority(priorityOf(task))).size();
            }
            marks.set(organizationId, "tasks_due", due.size() == BATCH ? due.getLast().dueAt() : upTo);
            return notified;
        });
    }

    /** Tasks still open {@code overdueAfter} past their due time: their assignees are told, once per task. */
    int tasksOverdue(UUID organizationId, Instant now) {
        return tenancy.callAs(organizationId, () -> {
            OffsetDateTime upTo = utc(now).minus(properties.overdueAfter());
            OffsetDateTime after = marks.get(organizationId, "tasks_overdue")
                    .orElse(upTo.minus(properties.lookBack()));
            List<DueTasks.DueTask> due = tasks.dueBetween(organizationId, after, upTo, BATCH);
            int notified = 0;
            for (DueTasks.DueTask task : due) {
                notified += notifier.notify(organizationId, List.of(task.assigneeId()), NewNotification.of(
                        NotificationKind.FOLLOW_UP_OVERDUE, what(task) + " overdue: " + task.title(),
                        about(organizationId, task), link(task), "task", task.id(), "task_overdue:" + task.id())
                        .withPriority("high")).size();
            }
            marks.set(organizationId, "tasks_overdue", due.size() == BATCH ? due.getLast().dueAt() : upTo);
            return notified;
        });
    }

    /** Leads that stayed in a stage past its deadline: their counselor and the branch's managers are told. */
    int slaBreaches(UUID organizationId, Instant now) {
        return tenancy.callAs(organizationId, () -> {
            OffsetDateTime upTo = utc(now);
            OffsetDateTime after = marks.get(organizationId, "sla_breaches").orElse(upTo.minus(properties.lookBack()));
            List<StageDeadlines.Breach> breaches = stages.breachedBetween(organizationId, after, upTo, BATCH);
            int notified = 0;
            for (StageDeadlines.Breach breach : breaches) {
                Set<UUID> recipients = new LinkedHashSet<>();
                if (breach.assignedTo() != null) {
                    recipients.add(breach.assignedTo());
                }
                if (breach.branchId() != null) {
                    users.activeWithRoles(organizationId, List.of("manager"), breach.branchId())
                            .forEach(u -> recipients.add(u.id()));
                }
                notified += notifier.notify(organizationId, recipients, NewNotification.of(
                        NotificationKind.SLA_BREACH, breach.leadName() + " is past the " + breach.status()
                                + " deadline",
                        breach.leadName() + " has been in " + breach.status() + " longer than the stage allows. "
                                + "Move the lead on or plan the next step.",
                        "/leads/" + breach.leadId(), "lead", breach.leadId(), "sla_breach:" + breach.stageId())
                        .withPriority("high")).size();
            }
            marks.set(organizationId, "sla_breaches",
                    breaches.size() == BATCH ? breaches.getLast().slaDueAt() : upTo);
            return notified;
        });
    }

    /**
     * The day's digest, once the organization's clock passed the digest time: each user with open tasks due that
     * day gets one notification listing them (and, as they prefer, one email and push). Answers how many users were
     * notified (0 when the digest of the day was already made, or it is not time yet).
     */
    int digest(UUID organizationId, Instant now) {
        return tenancy.callAs(organizationId, () -> {
            ZoneId zone = users.timeZone(organizationId);
            ZonedDateTime local = now.atZone(zone);
            LocalDate day = local.toLocalDate();
            ZonedDateTime digestTime = day.atTime(properties.digestAt()).atZone(zone);
            if (local.isBefore(digestTime)) {
                return 0;
            }
            OffsetDateTime dayDone = digestTime.toOffsetDateTime();
            OffsetDateTime done = marks.get(organizationId, "digest").orElse(null);
            if (done != null && !done.isBefore(dayDone)) {
                return 0;
            }
            OffsetDateTime dayStart = day.atStartOfDay(zone).toOffsetDateTime();
            OffsetDateTime dayEnd = day.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
            Map<UUID, List<DueTasks.DueTask>> byUser = new LinkedHashMap<>();
            OffsetDateTime after = dayStart.minusNanos(1000);
            while (true) {
                List<DueTasks.DueTask> due = tasks.dueBetween(organizationId, after, dayEnd.minusNanos(1000), BATCH);
                due.forEach(t -> byUser.computeIfAbsent(t.assigneeId(), id -> new ArrayList<>()).add(t));
                if (due.size() < BATCH) {
                    break;
                }
                after = due.getLast().dueAt();
            }
            int notified = 0;
            String date = day.toString();
            for (Map.Entry<UUID, List<DueTasks.DueTask>> entry : byUser.entrySet()) {
                List<DueTasks.DueTask> list = entry.getValue();
                StringBuilder body = new StringBuilder();
                for (int i = 0; i < Math.min(DIGEST_LINES, list.size()); i++) {
                    DueTasks.DueTask task = list.get(i);
                    body.append(CLOCK.format(task.dueAt().atZoneSameInstant(zone))).append("  ")
                            .append(task.title()).append('\n');
                }
                if (list.size() > DIGEST_LINES) {
                    body.append("and ").append(list.size() - DIGEST_LINES).append(" more\n");
                }
                String title = list.size() == 1 ? "1 follow-up today" : list.size() + " follow-ups today";
                notified += notifier.notify(organizationId, List.of(entry.getKey()), NewNotification.of(
                        NotificationKind.DAILY_DIGEST, title, body.toString().strip(), "/follow-ups", null, null,
                        "digest:" + date)).size();
            }
            marks.set(organizationId, "digest", dayDone);
            return notified;
        });
    }

    private String about(UUID organizationId, DueTasks.DueTask task) {
        if (task.leadId() == null) {
            return null;
        }
        return leads.find(organizationId, task.leadId())
                .map(lead -> "With " + lead.fullName()
                        + (lead.phone() == null || lead.phone().isBlank() ? "" : ", " + lead.phone()))
                .orElse(null);
    }

    private static String what(DueTasks.DueTask task) {
        return switch (task.kind()) {
            case "follow_up" -> "Follow-up";
            case "call" -> "Call";
            case "meeting" -> "Meeting";
            default -> "Task";
        };
    }

    private static String link(DueTasks.DueTask task) {
        return task.leadId() == null ? "/follow-ups" : "/leads/" + task.leadId();
    }

    private static String priorityOf(DueTasks.DueTask task) {
        return switch (task.priority()) {
            case "urgent" -> "urgent";
            case "high" -> "high";
            case "low" -> "low";
            default -> "normal";
        };
    }

    private static OffsetDateTime utc(Instant now) {
        return now.atOffset(ZoneOffset.UTC);
    }
}
