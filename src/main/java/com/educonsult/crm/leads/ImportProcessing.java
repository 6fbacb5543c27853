package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEAD_IMPORTS;
import static com.educonsult.crm.jooq.Tables.LEAD_IMPORT_ERRORS;

import com.educonsult.crm.jooq.tables.records.LeadImportsRecord;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a lead import: rows in batches, each batch one transaction that also saves how far the import got, so a
 * restarted run continues after the last committed batch. A batch's rows are read and checked as the API reads a
 * lead ({@link ImportRows}), then merged into the organization's leads set-based ({@link ImportMerge}) as the user
 * who started the import; a bad row is counted and kept for the error report, never failing the batch.
 */
@Component
class ImportProcessing {

    static final int BATCH_SIZE = 5_000;

    private static final Logger log = LoggerFactory.getLogger(ImportProcessing.class);
    private static final TypeReference<LinkedHashMap<String, String>> MAPPING = new TypeReference<>() {
    };

    /** What a run needs of the import, read when it starts. */
    private record Job(UUID organizationId, UUID id, String fileKey, ImportMapping mapping, String policy,
            String source, CurrentUser actor, int processed) {
    }

    private final DSLContext db;
    private final ImportRows reader;
    private final ImportMerge merge;
    private final ObjectStore store;
    private final Tenancy tenancy;
    private final AuditTrail audit;
    private final JsonMapper json;

    ImportProcessing(DSLContext db, ImportRows reader, ImportMerge merge, ObjectStore store, Tenancy tenancy,
            AuditTrail audit, JsonMapper json) {
        this.db = db;
        this.reader = reader;
        this.merge = merge;
        this.store = store;
        this.tenancy = tenancy;
        this.audit = audit;
        this.json = json;
    }

    /** Runs the import to its end. */
    void run(UUID organizationId, UUID importId) {
        run(organizationId, importId, Integer.MAX_VALUE);
    }

    /**
     * Processes at most {@code maxBatches} batches after the ones already committed, and finishes the import
     * when no row is left. Does nothing for a finished import.
     */
    void run(UUID organizationId, UUID importId, int maxBatches) {
        Job job = tenancy.callAs(organizationId, () -> begin(organizationId, importId));
        if (job == null) {
            return;
        }
        var previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(new SecurityContextImpl(
                UsernamePasswordAuthenticationToken.authenticated(job.actor(), null, List.of())));
        try (InputStream content = store.open(job.fileKey()); ImportFiles.Rows rows = ImportFiles.open(content)) {
            List<String> header = rows.next();
            int position = 0;
            while (position < job.processed() && rows.hasNext()) {
                rows.next();
                position++;
            }
            // the next batch is read and checked (Java's work) while the database merges the current one
            try (ExecutorService reading = Executors.newSingleThreadExecutor()) {
                Future<List<ImportRow>> next = read(reading, job, header, rows, position);
                for (int batches = 0; batches < maxBatches; batches++) {
                    List<ImportRow> batch = await(next);
                    if (batch.isEmpty()) {
                        break;
                    }
                    int from = position;
                    next = batches + 1 < maxBatches ? read(reading, job, header, rows, from + batch.size()) : null;
                    boolean mine = tenancy.callAs(organizationId, () -> merge(job, from, batch));
                    if (!mine) {
                        return;
                    }
                    position += batch.size();
                }
                if (next != null) {
                    await(next);
                }
            }
            if (!rows.hasNext()) {
                tenancy.runAs(organizationId, () -> finish(job, header));
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            log.warn("Lead import {} failed: its file could not be read", importId, e);
            tenancy.runAs(organizationId, () -> fail(job, "The file could not be read: " + e.getMessage()));
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private Job begin(UUID organizationId, UUID importId) {
        LeadImportsRecord row = lock(organizationId, importId);
        if (row == null || row.getStatus().equals("completed") || row.getStatus().equals("failed")) {
            return null;
        }
        db.update(LEAD_IMPORTS).set(LEAD_IMPORTS.STATUS, "running")
                .set(LEAD_IMPORTS.STARTED_AT, DSL.coalesce(LEAD_IMPORTS.STARTED_AT, DSL.currentOffsetDateTime()))
                .where(LEAD_IMPORTS.ORGANIZATION_ID.eq(organizationId), LEAD_IMPORTS.ID.eq(importId)).execute();
        return new Job(organizationId, importId, row.getFileKey(),
                new ImportMapping(json.readValue(row.getMapping().data(), MAPPING)), row.getDuplicatePolicy(),
                row.getSource(), json.readValue(row.getActor().data(), CurrentUser.class), row.getProcessedRows());
    }

    /** Reads the next batch of rows (at most {@link #BATCH_SIZE}) on the reading thread; empty at the end. */
    private Future<List<ImportRow>> read(ExecutorService reading, Job job, List<String> header,
            ImportFiles.Rows rows, int from) {
        return reading.submit(() -> tenancy.callAs(job.organizationId(), () -> {
            ImportRows.Context context = reader.context(job.organizationId(), job.mapping());
            List<ImportRow> batch = new ArrayList<>(BATCH_SIZE);
            while (batch.size() < BATCH_SIZE && rows.hasNext()) {
                // the file's row number: the header is row 1
                batch.add(reader.read(context, header, from + batch.size() + 2, rows.next()));
            }
            return batch;
        }));
    }

    private static List<ImportRow> await(Future<List<ImportRow>> batch) {
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the import's rows", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Merges one batch in the caller's transaction, with the import's progress; false when another run has moved the
     * import on (its rows are not touched twice).
     */
    private boolean merge(Job job, int from, List<ImportRow> rows) {
        LeadImportsRecord current = lock(job.organizationId(), job.id());
        if (current == null || !current.getStatus().equals("running") || current.getProcessedRows() != from) {
            return false;
        }
        merge.merge(new ImportMerge.Batch(job.organizationId(), job.id(), job.actor(), job.policy(), job.source()),
                rows);
        Map<ImportRow.Outcome, Integer> counts = new EnumMap<>(ImportRow.Outcome.class);
        rows.forEach(row -> counts.merge(row.outcome, 1, Integer::sum));
        List<ImportRow> rejected = rows.stream().filter(row -> !row.valid()).toList();
        if (!rejected.isEmpty()) {
            var errors = db.insertInto(LEAD_IMPORT_ERRORS, LEAD_IMPORT_ERRORS.ORGANIZATION_ID,
                    LEAD_IMPORT_ERRORS.IMPORT_ID, LEAD_IMPORT_ERRORS.ROW_NUMBER, LEAD_IMPORT_ERRORS.REASON,
                    LEAD_IMPORT_ERRORS.CELLS);
            for (ImportRow row : rejected) {
                errors = errors.values(job.organizationId(), job.id(), row.number, row.failure,
                        row.cells.toArray(String[]::new));
            }
            errors.execute();
        }
        db.update(LEAD_IMPORTS)
                .set(LEAD_IMPORTS.PROCESSED_ROWS, from + rows.size())
                .set(LEAD_IMPORTS.CREATED_COUNT, LEAD_IMPORTS.CREATED_COUNT.plus(counts.getOrDefault(ImportRow.Outcome.CREATED, 0)))
                .set(LEAD_IMPORTS.UPDATED_COUNT, LEAD_IMPORTS.UPDATED_COUNT.plus(counts.getOrDefault(ImportRow.Outcome.UPDATED, 0)))
                .set(LEAD_IMPORTS.SKIPPED_COUNT, LEAD_IMPORTS.SKIPPED_COUNT.plus(counts.getOrDefault(ImportRow.Outcome.SKIPPED, 0)))
                .set(LEAD_IMPORTS.FAILED_COUNT, LEAD_IMPORTS.FAILED_COUNT.plus(counts.getOrDefault(ImportRow.Outcome.FAILED, 0)))
                .where(LEAD_IMPORTS.ORGANIZATION_ID.eq(job.organizationId()), LEAD_IMPORTS.ID.eq(job.id())).execute();
        return true;
    }

    /** Writes the error report (row, reason, then the row's own columns) and marks the import completed. */
    private void finish(Job job, List<String> header) {
        LeadImportsRecord row = lock(job.organizationId(), job.id());
        if (row == null || !row.getStatus().equals("running")) {
            return;
        }
        String key = null;
        var rejected = db.selectFrom(LEAD_IMPORT_ERRORS)
                .where(LEAD_IMPORT_ERRORS.ORGANIZATION_ID.eq(job.organizationId()),
                        LEAD_IMPORT_ERRORS.IMPORT_ID.eq(job.id()))
                .orderBy(LEAD_IMPORT_ERRORS.ROW_NUMBER).fetch();
        if (!rejected.isEmpty()) {
            ByteArrayOutputStream report = new ByteArrayOutputStream();
            try (CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(report, StandardCharsets.UTF_8),
                    CSVFormat.DEFAULT)) {
                List<String> columns = new ArrayList<>(List.of("row", "reason"));
                columns.addAll(header);
                printer.printRecord(columns);
                for (var error : rejected) {
                    List<Object> line = new ArrayList<>(List.of(error.getRowNumber(), error.getReason()));
                    line.addAll(List.of(error.getCells()));
                    printer.printRecord(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byte[] bytes = report.toByteArray();
            key = job.organizationId() + "/imports/" + job.id() + "-errors.csv";
            store.put(key, new ByteArrayInputStream(bytes), bytes.length, "text/csv");
        }
        db.update(LEAD_IMPORTS).set(LEAD_IMPORTS.STATUS, "completed").set(LEAD_IMPORTS.ERROR_REPORT_KEY, key)
                .set(LEAD_IMPORTS.FINISHED_AT, DSL.currentOffsetDateTime())
                .where(LEAD_IMPORTS.ORGANIZATION_ID.eq(job.organizationId()), LEAD_IMPORTS.ID.eq(job.id())).execute();
        LeadImportsRecord after = lock(job.organizationId(), job.id());
        audit.record("lead_import.completed", "lead_import", job.id(), null, Map.of(
                "created", after.getCreatedCount(), "updated", after.getUpdatedCount(),
                "skipped", after.getSkippedCount(), "failed", after.getFailedCount()));
    }

    private void fail(Job job, String error) {
        db.update(LEAD_IMPORTS).set(LEAD_IMPORTS.STATUS, "failed").set(LEAD_IMPORTS.ERROR, error)
                .set(LEAD_IMPORTS.FINISHED_AT, DSL.currentOffsetDateTime())
                .where(LEAD_IMPORTS.ORGANIZATION_ID.eq(job.organizationId()), LEAD_IMPORTS.ID.eq(job.id())).execute();
        audit.record("lead_import.failed", "lead_import", job.id(), null, Map.of("error", error));
    }

    private LeadImportsRecord lock(UUID organizationId, UUID importId) {
        return db.selectFrom(LEAD_IMPORTS)
                .where(LEAD_IMPORTS.ORGANIZATION_ID.eq(organizationId), LEAD_IMPORTS.ID.eq(importId))
                .forUpdate().fetchOne();
    }
}
