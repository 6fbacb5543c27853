package com.educonsult.crm.reports;

import static com.educonsult.crm.jooq.Tables.REPORT_RUNS;
import static com.educonsult.crm.jooq.Tables.REPORT_TEMPLATES;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.identity.WorkScope;
import com.educonsult.crm.jooq.tables.records.ReportRunsRecord;
import com.educonsult.crm.jooq.tables.records.ReportTemplatesRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.ReadReplica;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.storage.ObjectStore;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.reports.ReportFiles.Format;
import com.educonsult.crm.reports.ReportQueries.Compiled;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report builder and its exports: templates (built-in and the caller's saved ones), previews, files streamed
 * to the caller or written by a job, and the history of runs. Every report runs with the caller's scope; its rows
 * are read from the read replica when there is one, while templates, runs and their history stay on the primary.
 */
@Service
public class Reports {

    static final int DEFAULT_PREVIEW_ROWS = 100;

    /** Build a template (by id) or a definition; {@code date_from}/{@code date_to} override the definition's. */
    @Schema(name = "ReportBuildRequest")
    public record BuildRequest(
            @Schema(description = "A built-in template's name or a saved template's id") @Size(max = 64)
            String templateId,
            @Valid ReportDefinition definition,
            String dateFrom, String dateTo,
            @Schema(description = "Rows of the preview, at most 1000 (default 100)") Integer limit) {
    }

    @Schema(name = "ReportExportRequest")
    public record ExportRequest(
            @Size(max = 64) String templateId,
            @Valid ReportDefinition definition,
            String dateFrom, String dateTo,
            @Schema(allowableValues = {"csv", "xlsx", "pdf"}) @NotBlank String format,
            @Schema(description = "The file's title; the template's name by default") @Size(max = 100) String name,
            @Schema(description = "download: the file in this answer, streamed however large; job: written by a "
                    + "job with progress, then a signed link that expires", allowableValues = {"download", "job"})
            String delivery) {
    }

    @Schema(name = "ReportTemplateRequest")
    public record SaveTemplate(@NotBlank @Size(max = 100) String name, @Size(max = 500) String description,
            @NotNull @Valid ReportDefinition definition) {
    }

    /** A report ready to stream: its run, checked query and file. */
    public record Prepared(UUID runId, String fileName, String contentType, Compiled compiled, Format format,
            String title) {
    }

    /** A stored report file. */
    public record Download(String fileName, String contentType, long size, InputStream content) {
    }

    /** A report checked and ready to run: definition, title and where it came from. */
    record Resolved(ReportDefinition definition, String name, String templateId) {
    }

    private final DSLContext db;
    private final ReadReplica reads;
    private final ReportQueries queries;
    private final ReportEntities entities;
    private final ReportRunner runner;
    private final UserDirectory users;
    private final WorkScope work;
    private final ObjectStore store;
    private final SchedulerClient scheduler;
    private final OneTimeTask<String> exportTask;
    private final Tenancy tenancy;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final ReportProperties properties;
    private final Clock clock;

    Reports(DSLContext db, ReadReplica reads, ReportQueries queries, ReportEntities entities, ReportRunner runner,
            UserDirectory users, WorkScope work, ObjectStore store, SchedulerClient scheduler,
            OneTimeTask<String> reportExportTask, Tenancy tenancy, AuditTrail audit, JsonMapper json, ReportProperties properties, Clock clock) {
        this.db = db;
        this.reads = reads;
        this.queries = queries;
        this.entities = entities;
        this.runner = runner;
        this.users = users;
        this.work = work;
        this.store = store;
        this.scheduler = scheduler;
        this.exportTask = reportExportTask;
        this.tenancy = tenancy;
        this.audit = audit;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    // ---- templates

    @Transactional(readOnly = true)
    public List<ReportViews.Template> templates(CurrentUser user) {
        List<ReportViews.Template> templates = new ArrayList<>();
        BuiltInTemplates.ALL.values().forEach(b -> templates.add(new ReportViews.Template(b.id(), b.name(),
                b.description(), true, false, b.definition(), null)));
        db.selectFrom(REPORT_TEMPLATES)
                .where(REPORT_TEMPLATES.ORGANIZATION_ID.eq(user.organizationId()),
                        REPORT_TEMPLATES.OWNER_ID.eq(user.userId()))
                .orderBy(DSL.lower(REPORT_TEMPLATES.NAME), REPORT_TEMPLATES.ID)
                .limit(200)
                .forEach(r -> templates.add(template(r)));
        return templates;
    }

    @Transactional
    public ReportViews.Template saveTemplate(CurrentUser user, SaveTemplate request) {
        queries.compile(user, request.definition(), zone(user));
        OffsetDateTime now = OffsetDateTime.now(clock);
        ReportTemplatesRecord row = db.insertInto(REPORT_TEMPLATES)
                .set(REPORT_TEMPLATES.ORGANIZATION_ID, user.organizationId())
                .set(REPORT_TEMPLATES.OWNER_ID, user.userId())
                .set(REPORT_TEMPLATES.NAME, request.name().strip())
                .set(REPORT_TEMPLATES.DESCRIPTION, request.description())
                .set(REPORT_TEMPLATES.DEFINITION, jsonb(request.definition()))
                .set(REPORT_TEMPLATES.CREATED_AT, now)
                .set(REPORT_TEMPLATES.UPDATED_AT, now)
                .returning().fetchSingle();
        ReportViews.Template view = template(row);
        audit.record("report_template.created", "report_template", row.getId(), null, view);
        return view;
    }

    @Transactional
    public void deleteTemplate(CurrentUser user, String id) {
        if (BuiltInTemplates.ALL.containsKey(id)) {
            throw ApiException.invalid("id", "is a built-in template, which cannot be deleted");
        }
        ReportTemplatesRecord row = ownTemplate(user, id);
        db.deleteFrom(REPORT_TEMPLATES).where(REPORT_TEMPLATES.ORGANIZATION_ID.eq(user.organizationId()),
                REPORT_TEMPLATES.ID.eq(row.getId())).execute();
        audit.record("report_template.deleted", "report_template", row.getId(), template(row), null);
    }

    /** The entities, columns and time column the builder offers. */
    public List<ReportViews.Entity> entities(CurrentUser user) {
        return entities.all().stream().filter(e -> user.can(e.permission()))
                .map(e -> new ReportViews.Entity(e.name(), e.label(), e.time().getName(),
                        e.columns().values().stream().map(c -> new ReportViews.Column(c.name(), c.label(),
                                c.type().name().toLowerCase(Locale.ROOT))).toList(), e.defaultColumns()))
                .toList();
    }

    // ---- building

    @Transactional(readOnly = true)
    public ReportViews.Preview build(CurrentUser user, BuildRequest request) {
        Resolved resolved = resolve(user, request.templateId(), request.definition(), request.dateFrom(),
                request.dateTo());
        int rows = request.limit() != null ? request.limit()
                : resolved.definition().limit() != null ? Math.min(resolved.definition().limit(),
                        ReportQueries.MAX_PREVIEW_ROWS) : DEFAULT_PREVIEW_ROWS;
        if (rows < 1 || rows > ReportQueries.MAX_PREVIEW_ROWS) {
            throw ApiException.invalid("limit", "must be between 1 and " + ReportQueries.MAX_PREVIEW_ROWS);
        }
        ZoneId zone = zone(user);
        Compiled compiled = queries.compile(user, resolved.definition().withLimit(null), zone);
        List<List<Object>> found = reads.readAs(user.organizationId(), replica -> compiled.query(replica, rows + 1)
                .fetch(ReportRunner::values));
        boolean more = found.size() > rows;
        List<List<Object>> shown = more ? found.subList(0, rows) : found;
        return new ReportViews.Preview(resolved.templateId(), compiled.entity().name(), columns(compiled),
                List.copyOf(shown), shown.size(), more, compiled.dateFrom(), compiled.dateTo(), zone.getId());
    }

    // ---- exports

    /** Checks an export streamed to the caller and records its run. */
    @Transactional
    public Prepared prepareDownload(CurrentUser user, ExportRequest request) {
        Format format = format(request.format());
        Resolved resolved = resolve(user, request.templateId(), request.definition(), request.dateFrom(),
                request.dateTo());
        Compiled compiled = queries.compile(user, resolved.definition(), zone(user));
        String title = title(request.name(), resolved);
        UUID runId = insertRun(user, resolved, title, format, "download", "running");
        return new Prepared(runId, ReportFiles.fileName(title, format), format.contentType, compiled, format, title);
    }

    /** Streams a prepared export, however many rows it has, and records how it ended. */
    public void writeDownload(CurrentUser user, Prepared prepared, OutputStream out) {
        try {
            long rows = runner.write(user.organizationId(), prepared.compiled(), prepared.format(), prepared.title(),
                    properties.maxExportRows(), out, written -> {
                    });
            tenancy.runAs(user.organizationId(), () -> runner.finish(user.organizationId(), prepared.runId(), rows, null));
        } catch (RuntimeException e) {
            tenancy.runAs(user.organizationId(), () -> runner.fail(user.organizationId(), prepared.runId(), "The export stopped: "
                    + e.getClass().getSimpleName()));
            throw e;
        }
    }

    /** Starts an export job: the run answers at once, a job writes the file and signs its link. */
    public ReportViews.Run startJob(CurrentUser user, ExportRequest request) {
        Format format = format(request.format());
        UUID runId = tenancy.callAs(user.organizationId(), () -> {
            Resolved resolved = resolve(user, request.templateId(), request.definition(), request.dateFrom(),
                    request.dateTo());
            queries.compile(user, resolved.definition(), zone(user));
            return insertRun(user, resolved, title(request.name(), resolved), format, "job", "queued");
        });
        scheduler.scheduleIfNotExists(exportTask.instance(runId.toString(), user.organizationId().toString()),
                Instant.now(clock));
        return tenancy.callAs(user.organizationId(), () -> run(user, runId));
    }

    // ---- history

    @Transactional(readOnly = true)
    public Page<ReportViews.Run> history(CurrentUser user, PageRequest page, UUID scheduleId) {
        Condition where = visibleRuns(user);
        if (scheduleId != null) {
            where = where.and(REPORT_RUNS.SCHEDULE_ID.eq(scheduleId));
        }
        List<ReportRunsRecord> rows = db.selectFrom(REPORT_RUNS).where(where)
                .orderBy(REPORT_RUNS.CREATED_AT.desc(), REPORT_RUNS.ID.desc())
                .limit(page.limit()).offset(page.offset()).fetch();
        long total = db.fetchCount(REPORT_RUNS, where);
        Map<UUID, UserSummary> names = users.findAll(user.organizationId(),
                rows.stream().map(ReportRunsRecord::getUserId).filter(java.util.Objects::nonNull).toList());
        return page.page(rows.stream().map(r -> view(r, names)).toList(), total);
    }

    @Transactional(readOnly = true)
    public ReportViews.Run run(CurrentUser user, UUID id) {
        ReportRunsRecord row = visibleRun(user, id);
        return view(row, users.findAll(user.organizationId(),
                row.getUserId() == null ? List.of() : List.of(row.getUserId())));
    }

    /** The stored file of a finished run the caller may see; 409 while it runs, 410 once it expired. */
    @Transactional(readOnly = true)
    public Download download(CurrentUser user, UUID id) {
        ReportRunsRecord row = visibleRun(user, id);
        // an expired file may already be deleted from storage (its key forgotten): it is gone either way
        if (row.getExpiresAt() != null && !row.getExpiresAt().isAfter(OffsetDateTime.now(clock))) {
            throw new ApiException(org.springframework.http.HttpStatus.GONE, "The report's file has expired",
                    List.of());
        }
        if (row.getFileKey() == null) {
            if (row.getStatus().equals("failed")) {
                throw ApiException.conflict("id", "the report failed: " + row.getError());
            }
            if (row.getDelivery().equals("download")) {
                throw ApiException.conflict("id", "the report was streamed to its caller and has no stored file");
            }
            throw ApiException.conflict("id", "the report is still being written (" + row.getStatus() + ")");
        }
        Format format = Format.of(row.getFormat());
        return new Download(ReportFiles.fileName(row.getName(), format), format.contentType,
                row.getFileSize() == null ? -1 : row.getFileSize(), store.open(row.getFileKey()));
    }

    // ---- shared

    Resolved resolve(CurrentUser user, String templateId, ReportDefinition definition, String dateFrom,
            String dateTo) {
        Resolved resolved;
        if (templateId != null && !templateId.isBlank()) {
            if (definition != null) {
                throw ApiException.invalid("definition", "must be left out when template_id is given");
            }
            BuiltInTemplates.BuiltIn builtIn = BuiltInTemplates.ALL.get(templateId);
            if (builtIn != null) {
                resolved = new Resolved(builtIn.definition(), builtIn.name(), builtIn.id());
            } else {
                ReportTemplatesRecord row = ownTemplate(user, templateId);
                resolved = new Resolved(definition(row.getDefinition()), row.getName(), row.getId().toString());
            }
        } else if (definition != null) {
            resolved = new Resolved(definition, "Report of " + definition.entity(), null);
        } else {
            throw ApiException.invalid("definition", "is required unless template_id is given");
        }
        if ((dateFrom != null && !dateFrom.isBlank()) || (dateTo != null && !dateTo.isBlank())) {
            resolved = new Resolved(resolved.definition().withRange(dateFrom, dateTo), resolved.name(),
                    resolved.templateId());
        }
        return resolved;
    }

    ZoneId zone(CurrentUser user) {
        return users.timeZone(user.organizationId());
    }

    static Format format(String wire) {
        Format format = Format.of(wire);
        if (format == null) {
            throw ApiException.invalid("format", "must be csv, xlsx or pdf");
        }
        return format;
    }

    static List<ReportViews.Column> columns(Compiled compiled) {
        return compiled.outputs().stream().map(o -> new ReportViews.Column(o.name(), o.label(),
                o.type().name().toLowerCase(Locale.ROOT))).toList();
    }

    private static String title(String name, Resolved resolved) {
        return name != null && !name.isBlank() ? name.strip() : resolved.name();
    }

    private UUID insertRun(CurrentUser user, Resolved resolved, String title, Format format, String delivery,
            String status) {
        UUID id = Ids.newId();
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.insertInto(REPORT_RUNS)
                .set(REPORT_RUNS.ORGANIZATION_ID, user.organizationId())
                .set(REPORT_RUNS.ID, id)
                .set(REPORT_RUNS.USER_ID, user.userId())
                .set(REPORT_RUNS.TEMPLATE_ID, resolved.templateId())
                .set(REPORT_RUNS.NAME, title)
                .set(REPORT_RUNS.DEFINITION, jsonb(resolved.definition()))
                .set(REPORT_RUNS.FORMAT, format.wire)
                .set(REPORT_RUNS.DELIVERY, delivery)
                .set(REPORT_RUNS.STATUS, status)
                .set(REPORT_RUNS.CREATED_AT, now)
                .set(REPORT_RUNS.STARTED_AT, status.equals("running") ? now : null)
                .execute();
        return id;
    }

    private Condition visibleRuns(CurrentUser user) {
        return work.doneBy(user, REPORT_RUNS.ORGANIZATION_ID, REPORT_RUNS.USER_ID);
    }

    private ReportRunsRecord visibleRun(CurrentUser user, UUID id) {
        return db.selectFrom(REPORT_RUNS).where(visibleRuns(user), REPORT_RUNS.ID.eq(id)).fetchOptional()
                .orElseThrow(() -> ApiException.notFound("Report run"));
    }

    private ReportTemplatesRecord ownTemplate(CurrentUser user, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Report template");
        }
        return db.selectFrom(REPORT_TEMPLATES)
                .where(REPORT_TEMPLATES.ORGANIZATION_ID.eq(user.organizationId()), REPORT_TEMPLATES.ID.eq(uuid),
                        REPORT_TEMPLATES.OWNER_ID.eq(user.userId()))
                .fetchOptional().orElseThrow(() -> ApiException.notFound("Report template"));
    }

    private ReportViews.Template template(ReportTemplatesRecord r) {
        return new ReportViews.Template(r.getId().toString(), r.getName(), r.getDescription(), false, true,
                definition(r.getDefinition()), r.getCreatedAt());
    }

    ReportViews.Run view(ReportRunsRecord r, Map<UUID, UserSummary> names) {
        String url = null;
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (r.getFileKey() != null && r.getExpiresAt() != null && r.getExpiresAt().isAfter(now)) {
            url = store.presignDownload(r.getFileKey(), Duration.between(now, r.getExpiresAt())).url().toString();
        }
        Long total = r.getRowsTotal();
        Integer progress = r.getStatus().equals("completed") ? Integer.valueOf(100)
                : total == null || total == 0 ? null : Integer.valueOf((int) Math.min(99, r.getRowsWritten() * 100 / total));
        UserSummary by = r.getUserId() == null ? null : names.get(r.getUserId());
        Format format = Format.of(r.getFormat());
        return new ReportViews.Run(r.getId(), r.getName(), r.getFormat(), r.getDelivery(), r.getStatus(),
                r.getRowsWritten(), total, progress, r.getUserId(), by == null ? null : by.fullName(),
                r.getScheduleId(), r.getTemplateId(), definition(r.getDefinition()),
                r.getFileKey() == null ? null : ReportFiles.fileName(r.getName(), format), r.getFileSize(), url,
                r.getExpiresAt(), r.getError(), r.getCreatedAt(), r.getStartedAt(), r.getFinishedAt());
    }

    JSONB jsonb(ReportDefinition definition) {
        return JSONB.valueOf(json.writeValueAsString(definition));
    }

    ReportDefinition definition(JSONB stored) {
        return json.readValue(stored.data(), ReportDefinition.class);
    }
}
