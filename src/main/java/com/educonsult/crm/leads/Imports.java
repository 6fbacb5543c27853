package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEAD_IMPORTS;

import com.educonsult.crm.jooq.tables.records.LeadImportsRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.storage.ObjectStore;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepting lead imports (file checked and stored, import recorded, job scheduled) and showing them: an admin
 * sees the organization's imports, anyone else the imports they started (their error reports hold lead data).
 */
@Service
class Imports {

    static final Set<String> POLICIES = Set.of("skip", "update", "create");
    private static final TypeReference<LinkedHashMap<String, String>> MAPPING = new TypeReference<>() {
    };

    private final DSLContext db;
    private final ObjectStore store;
    private final Tenancy tenancy;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final SchedulerClient scheduler;
    private final OneTimeTask<String> task;

    Imports(DSLContext db, ObjectStore store, Tenancy tenancy, AuditTrail audit, JsonMapper json,
            SchedulerClient scheduler, OneTimeTask<String> leadImportTask) {
        this.db = db;
        this.store = store;
        this.tenancy = tenancy;
        this.audit = audit;
        this.json = json;
        this.scheduler = scheduler;
        this.task = leadImportTask;
    }

    /** Checks and stores the file, records the import and schedules its job, which starts after the commit. */
    ImportView start(CurrentUser user, MultipartFile file, String mapping, String duplicatePolicy, String source) {
        String policy = duplicatePolicy == null || duplicatePolicy.isBlank() ? "skip" : duplicatePolicy.trim();
        if (!POLICIES.contains(policy)) {
            throw ApiException.invalid("duplicate_policy", "must be skip, update or create");
        }
        if (source != null && source.length() > 100) {
            throw ApiException.invalid("source", "must be at most 100 characters");
        }
        if (file.getSize() > ImportFiles.MAX_BYTES) {
            throw ApiException.invalid("file", "must be at most " + ImportFiles.MAX_BYTES / (1024 * 1024) + " MB");
        }
        ImportFiles.Summary summary = ImportFiles.check(input(file), file.getSize());
        ImportMapping columns = mapping == null || mapping.isBlank() ? ImportMapping.fromHeader(summary.header())
                : ImportMapping.given(parse(mapping), summary.header());
        UUID id = Ids.newId();
        String key = user.organizationId() + "/imports/" + id + ".csv";
        try (InputStream content = input(file)) {
            store.put(key, content, file.getSize(), "text/csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ImportView view = tenancy.callAs(user.organizationId(), () -> {
            LeadImportsRecord row = db.newRecord(LEAD_IMPORTS);
            row.setOrganizationId(user.organizationId());
            row.setId(id);
            row.setFileKey(key);
            row.setFileName(fileName(file));
            row.setMapping(JSONB.valueOf(json.writeValueAsString(columns.columns())));
            row.setDuplicatePolicy(policy);
            row.setSource(source == null || source.isBlank() ? null : source.trim());
            row.setActor(JSONB.valueOf(json.writeValueAsString(user)));
            row.setTotalRows(summary.rows());
            row.setCreatedBy(user.userId());
            row.store();
            row.refresh();
            ImportView created = view(row);
            audit.record("lead_import.created", "lead_import", id, null, created);
            return created;
        });
        scheduler.scheduleIfNotExists(task.instance(id.toString(), user.organizationId().toString()), Instant.now());
        return view;
    }

    @Transactional(readOnly = true)
    ImportView get(CurrentUser user, UUID id) {
        return view(visible(user, id));
    }

    @Transactional(readOnly = true)
    Page<ImportView> list(CurrentUser user, PageRequest paging) {
        Condition visible = visibleTo(user);
        long total = db.fetchCount(LEAD_IMPORTS, visible);
        List<ImportView> items = db.selectFrom(LEAD_IMPORTS).where(visible)
                .orderBy(LEAD_IMPORTS.CREATED_AT.desc(), LEAD_IMPORTS.ID.desc())
                .limit(paging.limit()).offset(paging.offset()).fetch(this::view);
        return paging.page(items, total);
    }

    /** The rejected rows of a finished import, read from the store; 404 when there were none. */
    @Transactional(readOnly = true)
    InputStream errorReport(CurrentUser user, UUID id) {
        String key = visible(user, id).getErrorReportKey();
        if (key == null) {
            throw ApiException.notFound("Error report");
        }
        try {
            return store.open(key);
        } catch (ObjectStore.MissingObjectException e) {
            throw ApiException.notFound("Error report");
        }
    }

    Map<String, String> mapping(LeadImportsRecord row) {
        return json.readValue(row.getMapping().data(), MAPPING);
    }

    private ImportView view(LeadImportsRecord row) {
        return ImportView.of(row, mapping(row));
    }

    private LeadImportsRecord visible(CurrentUser user, UUID id) {
        return db.selectFrom(LEAD_IMPORTS).where(visibleTo(user), LEAD_IMPORTS.ID.eq(id)).fetchOptional()
                .orElseThrow(() -> ApiException.notFound("Import"));
    }

    static Condition visibleTo(CurrentUser user) {
        Condition tenant = LEAD_IMPORTS.ORGANIZATION_ID.eq(user.organizationId());
        return user.isAdmin() ? tenant : tenant.and(LEAD_IMPORTS.CREATED_BY.eq(user.userId()));
    }

    private Map<String, String> parse(String mapping) {
        try {
            Map<String, String> parsed = json.readValue(mapping, MAPPING);
            if (parsed == null || parsed.isEmpty()) {
                throw ApiException.invalid("mapping", "must map at least one column");
            }
            return parsed;
        } catch (JacksonException e) {
            throw ApiException.invalid("mapping", "must be a JSON object of CSV column to lead field");
        }
    }

    private static InputStream input(MultipartFile file) {
        try {
            return file.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fileName(MultipartFile file) {
        String name = file.getOriginalFilename();
        return name == null || name.isBlank() ? null : name.length() > 200 ? name.substring(0, 200) : name;
    }
}
