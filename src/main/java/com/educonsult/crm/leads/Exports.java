package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.LEAD_STATUSES;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;

/**
 * Lead exports: the leads of a list (same filters, same scope) written as CSV or XLSX while they are read, so memory
 * stays flat; CSV by PostgreSQL's COPY, XLSX chunk by chunk; each export is audited with its filter and row count.
 */
@Service
public class Exports {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Exports.class);

    static final int CHUNK = 500;

    public enum Format {
        CSV("text/csv; charset=UTF-8", "csv"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

        final String contentType;
        final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        /** csv (the default) or xlsx; 400 naming {@code format} otherwise. */
        static Format of(String value) {
            if (value == null || value.isBlank() || value.equalsIgnoreCase("csv")) {
                return CSV;
            }
            if (value.equalsIgnoreCase("xlsx")) {
                return XLSX;
            }
            throw ApiException.badRequest("Unknown export format",
                    List.of(new FieldError("format", "must be csv or xlsx")));
        }
    }

    private final LeadSearch search;
    private final Tenancy tenancy;
    private final AuditTrail audit;
    private final DSLContext db;
    private final DataSource dataSource;
    private final UserDirectory users;

    Exports(LeadSearch search, Tenancy tenancy, AuditTrail audit, DSLContext db, DataSource dataSource,
            UserDirectory users) {
        this.search = search;
        this.tenancy = tenancy;
        this.audit = audit;
        this.db = db;
        this.dataSource = dataSource;
        this.users = users;
    }

    /** An export checked and ready to stream: its format, the list's filter and the query it runs. */
    public record Prepared(Format format, LeadFilter filter, LeadSearch.Query query) {

        public String contentType() {
            return format.contentType;
        }

        public String fileName(java.time.LocalDate day) {
            return "leads-" + day + "." + format.extension;
        }
    }

    /**
     * Checks the format (csv or xlsx, 400 naming {@code format}) and the list's filter against the organization now,
     * in the request, before anything is streamed.
     */
    public Prepared prepare(CurrentUser user, LeadListParams params, String format) {
        Format chosen = Format.of(format);
        LeadFilter filter = params.toFilter();
        return new Prepared(chosen, filter, search.query(user, filter));
    }

    /** As {@link #write(CurrentUser, LeadFilter, LeadSearch.Query, Format, OutputStream)}, for a prepared export. */
    public void write(CurrentUser user, Prepared export, OutputStream out) {
        write(user, export.filter(), export.query(), export.format(), out);
    }

    /**
     * Writes the leads to the stream, in a transaction of the organization, for as long as it takes. A failure
     * after the first bytes is thrown on: the answer has started and cannot say so, the connection is closed.
     */
    void write(CurrentUser user, LeadFilter filter, LeadSearch.Query query, Format format, OutputStream out) {
        AtomicLong rows = new AtomicLong();
        boolean complete = false;
        try {
            tenancy.runAs(user.organizationId(), () -> {
                if (format == Format.CSV) {
                    csv(query, out, rows);
                } else {
                    xlsx(query, out, rows);
                }
            });
            complete = true;
        } finally {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("format", format.extension);
            details.put("filter", filter);
            details.put("rows", rows.get());
            details.put("complete", complete);
            try {
                tenancy.runAs(user.organizationId(),
                        () -> audit.recordBy(user.userId(), "lead.exported", "lead", null, null, details));
            } catch (RuntimeException e) {
                if (complete) {
                    throw e;
                }
                log.warn("An unfinished export could not be audited", e);
            }
        }
    }

    /**
     * The CSV as PostgreSQL writes it (COPY ... TO STDOUT): the list's query, under the transaction's row-level
     * security, with the columns of {@link ExportColumns} in SQL; records end in CRLF as RFC 4180 (and the row by
     * row export before) has them.
     */
    private void csv(LeadSearch.Query query, OutputStream out, AtomicLong rows) {
        List<UUID> assigneeIds = db.selectDistinct(LEADS.ASSIGNED_TO).from(LEADS)
                .where(LEADS.ORGANIZATION_ID.eq(query.organizationId()), LEADS.ASSIGNED_TO.isNotNull())
                .fetch(LEADS.ASSIGNED_TO);
        Map<UUID, UserSummary> assignees = users.findAll(query.organizationId(), assigneeIds);
        Table<?> names = DSL.table("unnest({0}, {1})",
                DSL.val(assignees.keySet().toArray(UUID[]::new), SQLDataType.UUID.array()),
                DSL.val(assignees.values().stream().map(UserSummary::fullName).toArray(String[]::new),
                        SQLDataType.VARCHAR.array())).as("assignee", "id", "name");
        String select = db.renderInlined(DSL.select(ExportColumns.sql()).from(LEADS)
                .join(LEAD_STATUSES).on(LEAD_STATUSES.ORGANIZATION_ID.eq(LEADS.ORGANIZATION_ID),
                        LEAD_STATUSES.ID.eq(LEADS.STATUS_ID))
                .leftJoin(names).on(DSL.field(DSL.name("assignee", "id"), UUID.class).eq(LEADS.ASSIGNED_TO))
                .where(query.condition()).orderBy(query.order()));
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (OutputStream csv = new CsvLineEndings(out)) {
            rows.set(new CopyManager(connection.unwrap(BaseConnection.class))
                    .copyOut("copy (" + select + ") to stdout with (format csv, header)", csv));
        } catch (SQLException e) {
            throw new IllegalStateException("The export's query failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private void xlsx(LeadSearch.Query query, OutputStream out, AtomicLong rows) {
        try {
            Workbook workbook = new Workbook(out, "EduConsult CRM", "1.0");
            Worksheet sheet = workbook.newWorksheet("Leads");
            List<String> names = ExportColumns.names();
            for (int c = 0; c < names.size(); c++) {
                sheet.inlineString(0, c, names.get(c));
            }
            search.stream(query, CHUNK, chunk -> {
                try {
                    for (LeadView lead : chunk) {
                        int r = (int) rows.incrementAndGet();
                        for (int c = 0; c < ExportColumns.ALL.size(); c++) {
                            Object value = ExportColumns.ALL.get(c).value().apply(lead);
                            if (value instanceof BigDecimal number) {
                                sheet.value(r, c, number);
                            } else if (value != null) {
                                // strings inline: a shared string table would grow with every distinct value
                                sheet.inlineString(r, c, value.toString());
                            }
                        }
                    }
                    sheet.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
