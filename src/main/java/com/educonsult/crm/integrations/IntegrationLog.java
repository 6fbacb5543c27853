package com.educonsult.crm.integrations;

import static com.educonsult.crm.jooq.Tables.INTEGRATION_LOGS;

import com.educonsult.crm.jooq.tables.records.IntegrationLogsRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The integration log: every inbound delivery and outbound call of an integration, with its endpoint, outcome,
 * duration and bodies (secrets redacted). An entry is written in a transaction of its own, so that the record
 * of a failed call stays when the work that made it is rolled back.
 */
@Service
public class IntegrationLog {

    public enum Direction {
        INBOUND, OUTBOUND;

        public String code() {
            return name().toLowerCase();
        }
    }

    /**
     * What happened, as the integration that made or received the call tells it. Bodies are redacted and cut
     * when written; {@code type} is an integration type's code or, for events a client reports, a code of its
     * own.
     */
    public record Entry(String type, Direction direction, boolean success, String endpoint, String method,
            Integer httpStatus, Long durationMs, String requestBody, String responseBody, String error, UUID leadId,
            int recordsCreated) {

        public static Entry inbound(IntegrationType type, String endpoint, String requestBody) {
            return new Entry(type.code(), Direction.INBOUND, true, endpoint, "POST", null, null, requestBody, null,
                    null, null, 0);
        }

        public static Entry outbound(IntegrationType type, String method, String endpoint) {
            return new Entry(type.code(), Direction.OUTBOUND, true, endpoint, method, null, null, null, null, null,
                    null, 0);
        }

        public Entry answered(int status, String body, long millis) {
            return new Entry(type, direction, status < 400 && error == null, endpoint, method, status, millis,
                    requestBody, body, error, leadId, recordsCreated);
        }

        public Entry sent(String body) {
            return new Entry(type, direction, success, endpoint, method, httpStatus, durationMs, body, responseBody,
                    error, leadId, recordsCreated);
        }

        public Entry failed(String reason) {
            return new Entry(type, direction, false, endpoint, method, httpStatus, durationMs, requestBody,
                    responseBody, reason, leadId, recordsCreated);
        }

        public Entry created(UUID lead, int records) {
            return new Entry(type, direction, success, endpoint, method, httpStatus, durationMs, requestBody,
                    responseBody, error, lead, records);
        }

        public Entry took(long millis) {
            return new Entry(type, direction, success, endpoint, method, httpStatus, millis, requestBody,
                    responseBody, error, leadId, recordsCreated);
        }
    }

    @Schema(name = "IntegrationLogEntry", description = "One inbound delivery or outbound call of an integration; "
            + "bodies have secrets and tokens redacted")
    public record LogView(UUID id, String type, String direction, String status, String endpoint, String method,
            Integer httpStatus, Integer durationMs, String requestBody, String responseBody, String error,
            UUID leadId, int recordsCreated, @Schema(description = "The user or API key's user who reported it; "
                    + "null for the system's own calls") UUID reportedBy, OffsetDateTime createdAt) {
    }

    /** Filters of the log; null means any. {@code from} inclusive, {@code to} exclusive. */
    public record Filter(String type, Direction direction, Boolean success, OffsetDateTime from,
            OffsetDateTime to, UUID leadId) {
    }

    private final DSLContext db;
    private final OwnTransaction ownTransaction;

    IntegrationLog(DSLContext db, OwnTransaction ownTransaction) {
        this.db = db;
        this.ownTransaction = ownTransaction;
    }

    /** Writes the entry for the organization, in a transaction of its own; answers its id. */
    public UUID record(UUID organizationId, Entry entry) {
        return record(organizationId, entry, null);
    }

    /** Writes an entry a client reports of its own integration. */
    public UUID record(UUID organizationId, Entry entry, UUID reportedBy) {
        return ownTransaction.callAs(organizationId, () -> insert(organizationId, entry, reportedBy));
    }

    /**
     * Entries of one organization gathered while a batch of calls runs (from any thread) and written together, in
     * one statement and a transaction of their own, when {@link Batch#write()} is called: a hundred calls cost one
     * round trip to the log instead of a hundred transactions.
     */
    public final class Batch implements java.util.function.Consumer<Entry> {
        private final UUID organizationId;
        private final java.util.Queue<Entry> entries = new java.util.concurrent.ConcurrentLinkedQueue<>();

        private Batch(UUID organizationId) {
            this.organizationId = organizationId;
        }

        @Override
        public void accept(Entry entry) {
            entries.add(entry);
        }

        /** Writes the entries gathered since the last write; answers how many. */
        public int write() {
            List<IntegrationLogsRecord> rows = new ArrayList<>();
            for (Entry entry; (entry = entries.poll()) != null; ) {
                rows.add(row(organizationId, Ids.newId(), entry, null));
            }
            if (!rows.isEmpty()) {
                ownTransaction.runAs(organizationId, () -> {
                    var insert = db.insertInto(INTEGRATION_LOGS).set(rows.get(0));
                    for (IntegrationLogsRecord row : rows.subList(1, rows.size())) {
                        insert = insert.newRecord().set(row);
                    }
                    insert.execute();
                });
            }
            return rows.size();
        }
    }

    /** A batch of entries for the organization, written when the caller says so. */
    public Batch batch(UUID organizationId) {
        return new Batch(organizationId);
    }

    private UUID insert(UUID organizationId, Entry entry, UUID reportedBy) {
        UUID id = Ids.newId();
        db.insertInto(INTEGRATION_LOGS).set(row(organizationId, id, entry, reportedBy)).execute();
        return id;
    }

    private IntegrationLogsRecord row(UUID organizationId, UUID id, Entry entry, UUID reportedBy) {
        IntegrationLogsRecord row = db.newRecord(INTEGRATION_LOGS);
        row.setOrganizationId(organizationId);
        row.setId(id);
        row.setType(entry.type());
        row.setDirection(entry.direction().code());
        row.setStatus(entry.success() ? "success" : "failure");
        row.setEndpoint(Redaction.redact(entry.endpoint()));
        row.setMethod(entry.method());
        row.setHttpStatus(entry.httpStatus());
        row.setDurationMs(entry.durationMs() == null ? null : (int) Math.min(Integer.MAX_VALUE, entry.durationMs()));
        row.setRequestBody(Redaction.redact(entry.requestBody()));
        row.setResponseBody(Redaction.redact(entry.responseBody()));
        row.setError(Redaction.redact(entry.error()));
        row.setLeadId(entry.leadId());
        row.setRecordsCreated(entry.recordsCreated());
        row.setReportedBy(reportedBy);
        return row;
    }

    @Transactional(readOnly = true)
    public Page<LogView> search(Filter filter, PageRequest page) {
        List<Condition> where = new ArrayList<>();
        if (filter.type() != null) {
            where.add(INTEGRATION_LOGS.TYPE.eq(filter.type()));
        }
        if (filter.direction() != null) {
            where.add(INTEGRATION_LOGS.DIRECTION.eq(filter.direction().code()));
        }
        if (filter.success() != null) {
            where.add(INTEGRATION_LOGS.STATUS.eq(filter.success() ? "success" : "failure"));
        }
        if (filter.from() != null) {
            where.add(INTEGRATION_LOGS.CREATED_AT.ge(filter.from()));
        }
        if (filter.to() != null) {
            where.add(INTEGRATION_LOGS.CREATED_AT.lt(filter.to()));
        }
        if (filter.leadId() != null) {
            where.add(INTEGRATION_LOGS.LEAD_ID.eq(filter.leadId()));
        }
        List<LogView> items = db.selectFrom(INTEGRATION_LOGS).where(where)
                .orderBy(INTEGRATION_LOGS.CREATED_AT.desc(), INTEGRATION_LOGS.ID.desc())
                .limit(page.limit() + 1).offset(page.offset()).fetch(IntegrationLog::view);
        boolean more = items.size() > page.limit();
        List<LogView> shown = more ? items.subList(0, page.limit()) : items;
        // the log grows without bound between purges: the total is exact only up to the page the caller is on
        Long total = more ? null : (long) page.offset() + shown.size();
        return page.page(shown, total);
    }

    @Transactional(readOnly = true)
    public Optional<LogView> find(UUID id) {
        return db.selectFrom(INTEGRATION_LOGS).where(INTEGRATION_LOGS.ID.eq(id)).fetchOptional(IntegrationLog::view);
    }

    /** Deletes the organization's entries written before the time; answers how many. */
    @Transactional
    public int purgeBefore(OffsetDateTime before) {
        return db.deleteFrom(INTEGRATION_LOGS).where(INTEGRATION_LOGS.CREATED_AT.lt(before)).execute();
    }

    private static LogView view(IntegrationLogsRecord row) {
        return new LogView(row.getId(), row.getType(), row.getDirection(), row.getStatus(), row.getEndpoint(),
                row.getMethod(), row.getHttpStatus(), row.getDurationMs(), row.getRequestBody(),
                row.getResponseBody(), row.getError(), row.getLeadId(), row.getRecordsCreated(), row.getReportedBy(),
                row.getCreatedAt());
    }
}
