package com.educonsult.crm.reports;

import static com.educonsult.crm.jooq.Tables.REPORT_RUNS;

import com.educonsult.crm.jooq.tables.records.ReportRunsRecord;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.storage.ObjectStore;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes the stored report files whose signed links have expired: the file leaves storage and its run keeps its row
 * in the history, without the file. Organization by organization in their own transactions, so one failing
 * organization does not stop the others; the job runs on one node at a time.
 */
@Component
class ReportFilePurge {

    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(ReportFilePurge.class);

    private final DSLContext db;
    private final Tenancy tenancy;
    private final ObjectStore store;

    ReportFilePurge(DSLContext db, Tenancy tenancy, ObjectStore store) {
        this.db = db;
        this.tenancy = tenancy;
        this.store = store;
    }

    /** Deletes every file expired by {@code now}; answers how many it deleted. */
    int purgeExpired(Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        int purged = 0;
        while (true) {
            Map<UUID, List<UUID>> expired = expired(at);
            int found = expired.values().stream().mapToInt(List::size).sum();
            int done = 0;
            for (Map.Entry<UUID, List<UUID>> organization : expired.entrySet()) {
                try {
                    done += tenancy.callAs(organization.getKey(),
                            () -> purge(organization.getKey(), organization.getValue(), at));
                } catch (RuntimeException e) {
                    log.warn("Deleting the expired report files of organization {} failed", organization.getKey(), e);
                }
            }
            purged += done;
            // a short batch was the last; a batch that deleted nothing (every organization failing) is not retried
            if (found < BATCH || done == 0) {
                break;
            }
        }
        if (purged > 0) {
            log.info("Deleted {} expired report file(s)", purged);
        }
        return purged;
    }

    private Map<UUID, List<UUID>> expired(OffsetDateTime at) {
        Map<UUID, List<UUID>> byOrganization = new LinkedHashMap<>();
        List<Record2<UUID, UUID>> rows = db.resultQuery(
                        "select organization_id, id from report_files_expired(?::timestamptz, ?)", at, BATCH)
                .coerce(DSL.field("organization_id", UUID.class), DSL.field("id", UUID.class))
                .fetch();
        rows.forEach(r -> byOrganization.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return byOrganization;
    }

    /** Locks the runs (skipping one another node holds), deletes their files, then forgets the files' keys. */
    private int purge(UUID organizationId, List<UUID> runIds, OffsetDateTime at) {
        List<ReportRunsRecord> runs = db.selectFrom(REPORT_RUNS)
                .where(REPORT_RUNS.ORGANIZATION_ID.eq(organizationId), REPORT_RUNS.ID.in(runIds),
                        REPORT_RUNS.FILE_KEY.isNotNull(), REPORT_RUNS.EXPIRES_AT.le(at))
                .forUpdate().skipLocked().fetch();
        for (ReportRunsRecord run : runs) {
            // deleting a file already gone is harmless: a purge whose transaction failed is simply repeated
            store.delete(run.getFileKey());
        }
        if (!runs.isEmpty()) {
            db.update(REPORT_RUNS).set(REPORT_RUNS.FILE_KEY, (String) null)
                    .where(REPORT_RUNS.ORGANIZATION_ID.eq(organizationId),
                            REPORT_RUNS.ID.in(runs.stream().map(ReportRunsRecord::getId).toList()))
                    .execute();
        }
        return runs.size();
    }
}
