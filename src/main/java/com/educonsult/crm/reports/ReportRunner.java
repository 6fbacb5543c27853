package com.educonsult.crm.reports;

import static com.educonsult.crm.jooq.Tables.REPORT_RUNS;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.jooq.tables.records.ReportRunsRecord;
import com.educonsult.crm.platform.ReadReplica;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.storage.ObjectStore;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.reports.ReportFiles.Format;
import com.educonsult.crm.reports.ReportFiles.RowWriter;
import com.educonsult.crm.reports.ReportQueries.Compiled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a checked report into a file: rows read through a database cursor (never all in memory) on the read replica
 * when there is one, written one by one, with the run's progress committed on the primary on the side as it goes.
 * Export jobs and schedules store the file.
 */
@Component
class ReportRunner {

    static final int FETCH_SIZE = 1_000;
    private static final Logger log = LoggerFactory.getLogger(ReportRunner.class);

    /** A report file written to storage. */
    record StoredFile(String key, long size, long rows, OffsetDateTime expiresAt) {
    }

    private final DSLContext db;
    private final ReadReplica reads;
    private final ReportQueries queries;
    private final UserDirectory users;
    private final ObjectStore store;
    private final Tenancy tenancy;
    private final TransactionTemplate sideTransaction;
    private final JsonMapper json;
    private final ReportProperties properties;
    private final Clock clock;

    ReportRunner(DSLContext db, ReadReplica reads, ReportQueries queries, UserDirectory users, ObjectStore store, Tenancy tenancy,
            PlatformTransactionManager transactions, JsonMapper json, ReportProperties properties, Clock clock) {
        this.db = db;
        this.reads = reads;
        this.queries = queries;
        this.users = users;
        this.store = store;
        this.tenancy = tenancy;
        this.sideTransaction = new TransactionTemplate(transactions);
        this.sideTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    static List<Object> values(Record record) {
        List<Object> values = new ArrayList<>(record.size());
        for (int i = 0; i < record.size(); i++) {
            values.add(record.get(i));
        }
        return values;
    }

    /**
     * Writes the report's rows to the stream, read as the organization from the read replica (or the primary without
     * one); answers the rows written.
     */
    long write(UUID organizationId, Compiled compiled, Format format, String title, int maxRows, OutputStream out,
            LongConsumer progress) {
        return reads.readAs(organizationId, replica -> {
            long rows = 0;
            try (RowWriter writer = ReportFiles.open(format, title, compiled.outputs(), out);
                    Cursor<? extends Record> cursor = compiled.query(replica, maxRows).fetchSize(FETCH_SIZE)
                            .fetchLazy()) {
                for (Record record : cursor) {
                    writer.row(values(record));
                    rows++;
                    if (rows % FETCH_SIZE == 0) {
                        progress.accept(rows);
                    }
                }
            }
            return rows;
        });
    }

    /** Writes the report to a temporary file, then to storage under the organization's reports. */
    StoredFile store(UUID organizationId, UUID runId, Compiled compiled, Format format, String title,
            LongConsumer progress) {
        Path file = null;
        try {
            file = Files.createTempFile("report-", "." + format.extension);
            long rows;
            try (OutputStream out = Files.newOutputStream(file)) {
                rows = write(organizationId, compiled, format, title, properties.maxExportRows(), out, progress);
            }
            String key = organizationId + "/reports/" + runId + "." + format.extension;
            long size = Files.size(file);
            try (InputStream in = Files.newInputStream(file)) {
                store.put(key, in, size, format.contentType);
            }
            return new StoredFile(key, size, rows, OffsetDateTime.now(clock).plus(properties.fileTtl()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.debug("Could not delete {}", file, e);
                }
            }
        }
    }

    /** Runs the export job of a run as its user, with the user's permissions and scope as they are now. */
    void runJob(UUID organizationId, UUID runId) {
        ReportRunsRecord run = tenancy.callAs(organizationId, () -> db.selectFrom(REPORT_RUNS)
                .where(REPORT_RUNS.ORGANIZATION_ID.eq(organizationId), REPORT_RUNS.ID.eq(runId)).fetchOne());
        if (run == null || run.getStatus().equals("completed") || run.getStatus().equals("failed")) {
            return;
        }
        try {
            tenancy.callAs(organizationId, () -> {
                CurrentUser user = run.getUserId() == null ? null
                        : users.actingAs(organizationId, run.getUserId()).orElse(null);
                if (user == null || !user.can("reports:export")) {
                    fail(organizationId, runId, "Its user may no longer export reports");
                    return null;
                }
                ReportDefinition definition = json.readValue(run.getDefinition().data(), ReportDefinition.class);
                Compiled compiled = queries.compile(user, definition, users.timeZone(organizationId));
                markRunning(organizationId, runId);
                StoredFile file = store(organizationId, runId, compiled, Format.of(run.getFormat()), run.getName(),
                        rows -> progress(organizationId, runId, rows));
                finish(organizationId, runId, file.rows(), file);
                return null;
            });
        } catch (ApiException e) {
            tenancy.runAs(organizationId, () -> fail(organizationId, runId, e.getMessage()));
        } catch (RuntimeException e) {
            log.warn("The report export {} of organization {} failed", runId, organizationId, e);
            tenancy.runAs(organizationId, () -> fail(organizationId, runId, "The export failed: " + e.getClass().getSimpleName()));
        }
    }

    private void markRunning(UUID organizationId, UUID runId) {
        sideTransaction.executeWithoutResult(status -> db.update(REPORT_RUNS)
                .set(REPORT_RUNS.STATUS, "running")
                .set(REPORT_RUNS.STARTED_AT, OffsetDateTime.now(clock))
                .where(REPORT_RUNS.ORGANIZATION_ID.eq(organizationId), REPORT_RUNS.ID.eq(runId)).execute());
    }

    private void progress(UUID organizationId, UUID runId, long rows) {
        sideTransaction.executeWithoutResult(status -> db.update(REPORT_RUNS)
                .set(REPORT_RUNS.ROWS_WRITTEN, rows)
                .where(REPORT_RUNS.ORGANIZATION_ID.eq(organizationId), REPORT_RUNS.ID.eq(runId)).execute());
    }

    /** Records a run's end: its rows and, for a stored file, where it is and until when. */
    void finish(UUID organizationId, UUID runId, long rows, StoredFile file) {
        db.update(REPORT_RUNS)
                .set(REPORT_RUNS.STATUS, "completed")
                .set(REPORT_RUNS.ROWS_WRITTEN, rows)
                .set(REPORT_RUNS.ROWS_TOTAL, rows)
                .set(REPORT_RUNS.FILE_KEY, file == null ? null : file.key())
                .set(REPORT_RUNS.FILE_SIZE, file == null ? null : file.size())
                .set(REPORT_RUNS.EXPIRES_AT, file == null ? null : file.expiresAt())
                .set(REPORT_RUNS.FINISHED_AT, OffsetDateTime.now(clock))
                .where(REPORT_RUNS.ORGANIZATION_ID.eq(organizationId), REPORT_RUNS.ID.eq(runId)).execute();
    }

    void fail(UUID organizationId, UUID runId, String error) {
        db.update(REPORT_RUNS)
                .set(REPORT_RUNS.STATUS, "failed")
                .set(REPORT_RUNS.ERROR, error)
                .set(REPORT_RUNS.FINISHED_AT, OffsetDateTime.now(clock))
                .where(REPORT_RUNS.ORGANIZATION_ID.eq(organizationId), REPORT_RUNS.ID.eq(runId)).execute();
    }
}
