package com.educonsult.crm.reports;

import static com.educonsult.crm.jooq.Tables.REPORT_RUNS;
import static com.educonsult.crm.jooq.Tables.REPORT_SCHEDULES;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.WorkScope;
import com.educonsult.crm.jooq.tables.records.ReportSchedulesRecord;
import com.educonsult.crm.messaging.Channel;
import com.educonsult.crm.messaging.Communications;
import com.educonsult.crm.messaging.NewMessage;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.storage.ObjectStore;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.reports.ReportFiles.Format;
import com.educonsult.crm.reports.ReportQueries.Compiled;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Report schedules: a report mailed daily, weekly or monthly at a time of the organization's time zone, as a
 * file behind a signed link. A due schedule is claimed and moved to its next time in the transaction that runs it
 * and queues its mails, so each run happens once however many nodes look. It runs as its owner, with the owner's
 * permissions and scope at the time of the run.
 */
@Service
public class ReportSchedules {

    static final Set<String> FREQUENCIES = Set.of("daily", "weekly", "monthly");
    static final Set<String> PERIODS = Set.of("previous_day", "previous_7_days", "previous_30_days",
            "previous_month", "all");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Logger log = LoggerFactory.getLogger(ReportSchedules.class);

    @Schema(name = "ReportScheduleRequest")
    public record Create(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 64) String templateId,
            @Valid ReportDefinition definition,
            @Schema(allowableValues = {"csv", "xlsx", "pdf"}) @NotBlank String format,
            @Schema(allowableValues = {"daily", "weekly", "monthly"}) @NotBlank String frequency,
            @Schema(description = "HH:mm in the organization's time zone", example = "09:00") @NotBlank String time,
            @Schema(description = "1 (Monday) to 7; weekly schedules (default Monday)") Integer dayOfWeek,
            @Schema(description = "1 to 28; monthly schedules (default 1)") Integer dayOfMonth,
            @Size(min = 1, max = 20) List<@NotBlank @Size(max = 320) String> recipients,
            @Schema(description = "The days each run covers, ending the day before it: previous_day, "
                    + "previous_7_days, previous_30_days, previous_month or all; by default the frequency's "
                    + "(daily: previous_day, weekly: previous_7_days, monthly: previous_month)") String period) {
    }

    @Schema(name = "ReportSchedulePatch", description = "JSON Merge Patch of a schedule")
    public record Update(
            @Size(min = 1, max = 100) String name,
            @Valid ReportDefinition definition,
            @Schema(allowableValues = {"csv", "xlsx", "pdf"}) String format,
            @Schema(allowableValues = {"daily", "weekly", "monthly"}) String frequency,
            @Schema(example = "09:00") String time,
            Integer dayOfWeek,
            Integer dayOfMonth,
            @Size(min = 1, max = 20) List<@NotBlank @Size(max = 320) String> recipients,
            @Schema(allowableValues = {"previous_day", "previous_7_days", "previous_30_days", "previous_month",
                    "all"}) String period,
            @Schema(allowableValues = {"active", "paused"}) String status) {
    }

    private final DSLContext db;
    private final Reports reports;
    private final ReportQueries queries;
    private final ReportRunner runner;
    private final UserDirectory users;
    private final WorkScope work;
    private final Communications communications;
    private final ObjectStore store;
    private final Tenancy tenancy;
    private final AuditTrail audit;
    private final Clock clock;

    ReportSchedules(DSLContext db, Reports reports, ReportQueries queries, ReportRunner runner, UserDirectory users,
            WorkScope work, Communications communications, ObjectStore store, Tenancy tenancy, AuditTrail audit,
            Clock clock) {
        this.db = db;
        this.reports = reports;
        this.queries = queries;
        this.runner = runner;
        this.users = users;
        this.work = work;
        this.communications = communications;
        this.store = store;
        this.tenancy = tenancy;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public ReportViews.Schedule create(CurrentUser user, Create request) {
        Reports.Resolved resolved = reports.resolve(user, request.templateId(), request.definition(), null, null);
        String frequency = frequency(request.frequency());
        String period = period(request.period(), frequency);
        ReportDefinition definition = resolved.definition().withRange(null, null);
        queries.compile(user, definition, reports.zone(user));
        Reports.format(request.format());
        LocalTime time = time(request.time());
        Integer dayOfWeek = frequency.equals("weekly") ? dayOfWeek(request.dayOfWeek(), 1) : null;
        Integer dayOfMonth = frequency.equals("monthly") ? dayOfMonth(request.dayOfMonth(), 1) : null;
        ZoneId zone = reports.zone(user);
        OffsetDateTime now = OffsetDateTime.now(clock);
        ReportSchedulesRecord row = db.insertInto(REPORT_SCHEDULES)
                .set(REPORT_SCHEDULES.ORGANIZATION_ID, user.organizationId())
                .set(REPORT_SCHEDULES.OWNER_ID, user.userId())
                .set(REPORT_SCHEDULES.NAME, request.name().strip())
                .set(REPORT_SCHEDULES.DEFINITION, reports.jsonb(definition))
                .set(REPORT_SCHEDULES.FORMAT, request.format())
                .set(REPORT_SCHEDULES.FREQUENCY, frequency)
                .set(REPORT_SCHEDULES.TIME_OF_DAY, time)
                .set(REPORT_SCHEDULES.DAY_OF_WEEK, dayOfWeek)
                .set(REPORT_SCHEDULES.DAY_OF_MONTH, dayOfMonth)
                .set(REPORT_SCHEDULES.RECIPIENTS, recipients(request.recipients(), "recipients"))
                .set(REPORT_SCHEDULES.PERIOD, period)
                .set(REPORT_SCHEDULES.NEXT_RUN_AT, nextRun(frequency, time, dayOfWeek, dayOfMonth, zone,
                        clock.instant()))
                .set(REPORT_SCHEDULES.CREATED_AT, now)
                .set(REPORT_SCHEDULES.UPDATED_AT, now)
                .returning().fetchSingle();
        ReportViews.Schedule view = view(user, row, zone);
        audit.record("report_schedule.created", "report_schedule", row.getId(), null, view);
        return view;
    }

    @Transactional(readOnly = true)
    public List<ReportViews.Schedule> list(CurrentUser user) {
        ZoneId zone = reports.zone(user);
        return db.selectFrom(REPORT_SCHEDULES)
                .where(work.doneBy(user, REPORT_SCHEDULES.ORGANIZATION_ID, REPORT_SCHEDULES.OWNER_ID))
                .orderBy(REPORT_SCHEDULES.CREATED_AT.desc(), REPORT_SCHEDULES.ID.desc())
                .limit(200)
                .fetch(r -> view(user, r, zone));
    }

    @Transactional(readOnly = true)
    public ReportViews.Schedule get(CurrentUser user, UUID id) {
        return view(user, visible(user, id), reports.zone(user));
    }

    @Transactional
    public ReportViews.Schedule update(CurrentUser user, UUID id, Update request, MergePatch patch) {
        ReportSchedulesRecord row = changeable(user, id);
        ReportViews.Schedule before = view(user, row, reports.zone(user));
        if (request.name() != null) {
            if (request.name().isBlank()) {
                throw ApiException.invalid("name", "must not be blank");
            }
            row.setName(request.name().strip());
        }
        if (request.definition() != null) {
            ReportDefinition definition = request.definition().withRange(null, null);
            queries.compile(user, definition, reports.zone(user));
            row.setDefinition(reports.jsonb(definition));
        }
        if (request.format() != null) {
            Reports.format(request.format());
            row.setFormat(request.format());
        }
        if (request.frequency() != null) {
            row.setFrequency(frequency(request.frequency()));
        }
        if (request.time() != null) {
            row.setTimeOfDay(time(request.time()));
        }
        if (request.recipients() != null) {
            row.setRecipients(recipients(request.recipients(), "recipients"));
        }
        if (request.period() != null) {
            row.setPeriod(period(request.period(), row.getFrequency()));
        }
        if (request.status() != null) {
            if (!request.status().equals("active") && !request.status().equals("paused")) {
                throw ApiException.invalid("status", "must be active or paused");
            }
            row.setStatus(request.status());
        }
        Integer dayOfWeek = patch.merge("day_of_week", request.dayOfWeek(), row.getDayOfWeek());
        Integer dayOfMonth = patch.merge("day_of_month", request.dayOfMonth(), row.getDayOfMonth());
        row.setDayOfWeek(row.getFrequency().equals("weekly") ? dayOfWeek(dayOfWeek, 1) : null);
        row.setDayOfMonth(row.getFrequency().equals("monthly") ? dayOfMonth(dayOfMonth, 1) : null);
        ZoneId zone = reports.zone(user);
        row.setNextRunAt(nextRun(row.getFrequency(), row.getTimeOfDay(), row.getDayOfWeek(), row.getDayOfMonth(),
                zone, clock.instant()));
        row.setUpdatedAt(OffsetDateTime.now(clock));
        row.update();
        ReportViews.Schedule after = view(user, row, zone);
        audit.record("report_schedule.updated", "report_schedule", id, before, after);
        return after;
    }

    @Transactional
    public void delete(CurrentUser user, UUID id) {
        ReportSchedulesRecord row = changeable(user, id);
        ReportViews.Schedule before = view(user, row, reports.zone(user));
        db.deleteFrom(REPORT_SCHEDULES).where(REPORT_SCHEDULES.ORGANIZATION_ID.eq(user.organizationId()),
                REPORT_SCHEDULES.ID.eq(id)).execute();
        audit.record("report_schedule.deleted", "report_schedule", id, before, null);
    }

    /**
     * Sends every schedule due now, of every organization; safe to call on every node at once (each due run is
     * claimed by one transaction only). Answers how many runs it made.
     */
    public int runDue(int cap) {
        List<Record2<UUID, UUID>> due = db.resultQuery("select organization_id, id from report_schedules_due(?::timestamptz, ?)",
                        OffsetDateTime.now(clock), cap)
                .coerce(org.jooq.impl.DSL.field("organization_id", UUID.class),
                        org.jooq.impl.DSL.field("id", UUID.class))
                .fetch();
        int ran = 0;
        for (Record2<UUID, UUID> schedule : due) {
            try {
                if (tenancy.callAs(schedule.value1(), () -> runOnce(schedule.value1(), schedule.value2()))) {
                    ran++;
                }
            } catch (RuntimeException e) {
                log.warn("The report schedule {} of organization {} failed", schedule.value2(), schedule.value1(), e);
            }
        }
        return ran;
    }

    /** Claims a due schedule (or answers false if another node has) and runs it, in one transaction. */
    private boolean runOnce(UUID organizationId, UUID scheduleId) {
        Instant now = clock.instant();
        ReportSchedulesRecord row = db.selectFrom(REPORT_SCHEDULES)
                .where(REPORT_SCHEDULES.ORGANIZATION_ID.eq(organizationId), REPORT_SCHEDULES.ID.eq(scheduleId),
                        REPORT_SCHEDULES.STATUS.eq("active"),
                        REPORT_SCHEDULES.NEXT_RUN_AT.le(now.atOffset(ZoneOffset.UTC)))
                .forUpdate().skipLocked()
                .fetchOne();
        if (row == null) {
            return false;
        }
        ZoneId zone = users.timeZone(organizationId);
        row.setNextRunAt(nextRun(row.getFrequency(), row.getTimeOfDay(), row.getDayOfWeek(), row.getDayOfMonth(),
                zone, now));
        row.setLastRunAt(now.atOffset(ZoneOffset.UTC));
        UUID runId = Ids.newId();
        Format format = Format.of(row.getFormat());
        insertRun(row, runId, format);
        CurrentUser owner = users.actingAs(organizationId, row.getOwnerId()).orElse(null);
        if (owner == null || !owner.can("reports:read") || !owner.can("reports:export")
                || !owner.can("reports:schedule")) {
            return failed(row, runId, "Its owner may no longer read, export and schedule reports");
        }
        Compiled compiled;
        try {
            ReportDefinition definition = datedForRun(reports.definition(row.getDefinition()), row.getPeriod(), zone, now);
            compiled = queries.compile(owner, definition, zone);
        } catch (ApiException e) {
            return failed(row, runId, e.getMessage());
        }
        ReportRunner.StoredFile file = runner.store(organizationId, runId, compiled, format, row.getName(),
                rows -> { });
        runner.finish(organizationId, runId, file.rows(), file);
        row.setLastError(null);
        row.store();
        String link = store.presignDownload(file.key(), Duration.between(now, file.expiresAt().toInstant()))
                .url().toString();
        List<NewMessage> mails = new ArrayList<>();
        for (String recipient : row.getRecipients()) {
            mails.add(new NewMessage(null, Channel.EMAIL, recipient, row.getName() + " (" + file.rows() + " rows)",
                    mailText(row, file, link, zone), null, null, null, null, null, null, true, owner.userId()));
        }
        communications.enqueue(organizationId, mails);
        return true;
    }

    private boolean failed(ReportSchedulesRecord row, UUID runId, String error) {
        runner.fail(row.getOrganizationId(), runId, error);
        row.setLastError(error);
        row.store();
        return true;
    }

    private void insertRun(ReportSchedulesRecord row, UUID runId, Format format) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.insertInto(REPORT_RUNS)
                .set(REPORT_RUNS.ORGANIZATION_ID, row.getOrganizationId())
                .set(REPORT_RUNS.ID, runId)
                .set(REPORT_RUNS.USER_ID, row.getOwnerId())
                .set(REPORT_RUNS.SCHEDULE_ID, row.getId())
                .set(REPORT_RUNS.NAME, row.getName())
                .set(REPORT_RUNS.DEFINITION, row.getDefinition())
                .set(REPORT_RUNS.FORMAT, format.wire)
                .set(REPORT_RUNS.DELIVERY, "schedule")
                .set(REPORT_RUNS.STATUS, "running")
                .set(REPORT_RUNS.CREATED_AT, now)
                .set(REPORT_RUNS.STARTED_AT, now)
                .execute();
    }

    private static String mailText(ReportSchedulesRecord row, ReportRunner.StoredFile file, String link,
            ZoneId zone) {
        return "Your scheduled report \"" + row.getName() + "\" is ready: " + file.rows() + " rows.\n\n"
                + "Download it (" + row.getFormat().toUpperCase(java.util.Locale.ROOT) + ", until "
                + file.expiresAt().atZoneSameInstant(zone).toLocalDate() + "):\n" + link + "\n";
    }

    /** The first time after {@code after} the schedule is due, at its time of day in the organization's zone. */
    static OffsetDateTime nextRun(String frequency, LocalTime time, Integer dayOfWeek, Integer dayOfMonth,
            ZoneId zone, Instant after) {
        LocalDate day = after.atZone(zone).toLocalDate();
        for (int i = 0; i < 400; i++) {
            LocalDate candidate = day.plusDays(i);
            boolean matches = switch (frequency) {
                case "weekly" -> candidate.getDayOfWeek() == DayOfWeek.of(dayOfWeek);
                case "monthly" -> candidate.getDayOfMonth() == dayOfMonth;
                default -> true;
            };
            if (matches) {
                ZonedDateTime at = candidate.atTime(time).atZone(zone);
                if (at.toInstant().isAfter(after)) {
                    return at.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
                }
            }
        }
        throw new IllegalStateException("No next run for " + frequency);
    }

    /** The definition with the days of its period, relative to the day of the run, as its date range. */
    static ReportDefinition datedForRun(ReportDefinition definition, String period, ZoneId zone, Instant now) {
        if (period.equals("all")) {
            return definition.withRange(null, null);
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate yesterday = today.minusDays(1);
        return switch (period) {
            case "previous_day" -> definition.withRange(yesterday.toString(), yesterday.toString());
            case "previous_7_days" -> definition.withRange(today.minusDays(7).toString(), yesterday.toString());
            case "previous_30_days" -> definition.withRange(today.minusDays(30).toString(), yesterday.toString());
            default -> {
                LocalDate first = today.withDayOfMonth(1).minusMonths(1);
                yield definition.withRange(first.toString(), first.plusMonths(1).minusDays(1).toString());
            }
        };
    }

    private static String period(String period, String frequency) {
        if (period == null || period.isBlank()) {
            return switch (frequency) {
                case "daily" -> "previous_day";
                case "weekly" -> "previous_7_days";
                default -> "previous_month";
            };
        }
        if (!PERIODS.contains(period)) {
            throw ApiException.invalid("period", "must be one of " + String.join(", ", PERIODS));
        }
        return period;
    }

    private static String frequency(String frequency) {
        if (!FREQUENCIES.contains(frequency)) {
            throw ApiException.invalid("frequency", "must be daily, weekly or monthly");
        }
        return frequency;
    }

    private static LocalTime time(String time) {
        try {
            return LocalTime.parse(time).withSecond(0).withNano(0);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("time", "must be a time of day such as 09:00");
        }
    }

    private static Integer dayOfWeek(Integer day, int otherwise) {
        int value = day == null ? otherwise : day;
        if (value < 1 || value > 7) {
            throw ApiException.invalid("day_of_week", "must be 1 (Monday) to 7 (Sunday)");
        }
        return value;
    }

    private static Integer dayOfMonth(Integer day, int otherwise) {
        int value = day == null ? otherwise : day;
        if (value < 1 || value > 28) {
            throw ApiException.invalid("day_of_month", "must be 1 to 28");
        }
        return value;
    }

    private static String[] recipients(List<String> recipients, String field) {
        if (recipients == null || recipients.isEmpty()) {
            throw ApiException.invalid(field, "must name at least one email address");
        }
        Set<String> kept = new LinkedHashSet<>();
        for (int i = 0; i < recipients.size(); i++) {
            String email = recipients.get(i) == null ? "" : recipients.get(i).strip().toLowerCase(java.util.Locale.ROOT);
            if (!EMAIL.matcher(email).matches()) {
                throw ApiException.invalid(field + "[" + i + "]", "must be an email address");
            }
            kept.add(email);
        }
        return kept.toArray(String[]::new);
    }

    private ReportSchedulesRecord visible(CurrentUser user, UUID id) {
        return db.selectFrom(REPORT_SCHEDULES)
                .where(work.doneBy(user, REPORT_SCHEDULES.ORGANIZATION_ID, REPORT_SCHEDULES.OWNER_ID),
                        REPORT_SCHEDULES.ID.eq(id))
                .fetchOptional().orElseThrow(() -> ApiException.notFound("Report schedule"));
    }

    /** The owner changes their schedule; an admin any of the organization's. */
    private ReportSchedulesRecord changeable(CurrentUser user, UUID id) {
        ReportSchedulesRecord row = visible(user, id);
        if (!row.getOwnerId().equals(user.userId()) && !user.isAdmin()) {
            throw ApiException.forbidden("Only its owner or an admin may change a report schedule");
        }
        return row;
    }

    private ReportViews.Schedule view(CurrentUser user, ReportSchedulesRecord r, ZoneId zone) {
        return new ReportViews.Schedule(r.getId(), r.getName(), reports.definition(r.getDefinition()), r.getFormat(),
                r.getFrequency(), r.getTimeOfDay(), r.getDayOfWeek(), r.getDayOfMonth(), Arrays.asList(r.getRecipients()),
                r.getPeriod(), r.getStatus(), r.getNextRunAt(), r.getLastRunAt(), r.getLastError(), r.getOwnerId(),
                r.getOwnerId().equals(user.userId()), zone.getId(), r.getCreatedAt(), r.getUpdatedAt());
    }
}
