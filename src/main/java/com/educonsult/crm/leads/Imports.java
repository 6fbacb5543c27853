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
public class Imports {

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
    private final ImportColumnChoices choices;

    Imports(DSLContext db, ObjectStore store, Tenancy tenancy, AuditTrail audit, JsonMapper json,
            SchedulerClient scheduler, OneTimeTask<String> leadImportTask, ImportColumnChoices choices) {
        this.db = db;
        this.store = store;
        this.tenancy = tenancy;
        this.audit = audit;
        this.json = json;
        this.scheduler = scheduler;
        this.task = leadImportTask;
        this.choices = choices;
    }

    /** Checks and stores the file, records the import and schedules its job, which starts after the commit. */
    public ImportView start(CurrentUser user, MultipartFile file, String mapping, String duplicatePolicy,
            String source) {
        String policy = policy(duplicatePolicy);
        if (source != null && source.length() > 100) {
            throw ApiException.invalid("source", "must be at most 100 characters");
        }
        ImportFiles.Summary summary = summary(file);
        boolean chosen = mapping != null && !mapping.isBlank();
        ImportMapping columns = chosen ? ImportMapping.given(parse(mapping), summary.header())
                : ImportMapping.fromHeader(summary.header());
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
            if (chosen) {
                choices.remember(user.organizationId(), summary.header(), columns.columns());
            }
            ImportView created = view(row);
            audit.record("lead_import.created", "lead_import", id, null, created);
            return created;
        });
        scheduler.scheduleIfNotExists(task.instance(id.toString(), user.organizationId().toString()), Instant.now());
        return view;
    }

    /** The duplicate policy asked for: skip (the default), update or create; 422 naming it otherwise. */
    static String policy(String duplicatePolicy) {
        String policy = duplicatePolicy == null || duplicatePolicy.isBlank() ? "skip" : duplicatePolicy.trim();
        if (!POLICIES.contains(policy)) {
            throw ApiException.invalid("duplicate_policy", "must be skip, update or create");
        }
        return policy;
    }

    /** The file's header and row count, checked as a UTF-8 CSV within the limits; 422 naming {@code file}. */
    static ImportFiles.Summary summary(MultipartFile file) {
        if (file == null) {
            throw ApiException.invalid("file", "is required");
        }
        if (file.getSize() > ImportFiles.MAX_BYTES) {
            throw ApiException.invalid("file", "must be at most " + ImportFiles.MAX_BYTES / (1024 * 1024) + " MB");
        }
        return ImportFiles.check(input(file), file.getSize());
    }

    @Transactional(readOnly = true)
    public ImportView get(CurrentUser user, UUID id) {
        return view(visible(user, id));
    }

    @Transactional(readOnly = true)
    public Page<ImportView> list(CurrentUser user, PageRequest paging) {
        Condition visible = visibleTo(user);
        long total = db.fetchCount(LEAD_IMPORTS, visible);
        List<ImportView> items = db.selectFrom(LEAD_IMPORTS).where(visible)
                .orderBy(LEAD_IMPORTS.CREATED_AT.desc(), LEAD_IMPORTS.ID.desc())
                .limit(paging.limit()).offset(paging.offset()).fetch(this::view);
        return paging.page(items, total);
    }

    /** The rejected rows of a finished import, read from the store; 404 when there were none. */
    @Transactional(readOnly = true)
    public InputStream errorReport(CurrentUser user, UUID id) {
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

    Map<String, String> parse(String mapping) {
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

    static InputStream input(MultipartFile file) {
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
