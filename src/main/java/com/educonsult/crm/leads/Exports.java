package com.educonsult.crm.leads;

import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.stereotype.Service;

/**
 * Lead exports: the leads of a list (same filters, same scope) written as CSV or XLSX while they are read, chunk by
 * chunk, so memory stays flat; each export is audited with its filter and row count.
 */
@Service
class Exports {

    static final int CHUNK = 500;

    enum Format {
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

    Exports(LeadSearch search, Tenancy tenancy, AuditTrail audit) {
        this.search = search;
        this.tenancy = tenancy;
        this.audit = audit;
    }

    /** Checks the filter against the organization now, in the request, before anything is streamed. */
    LeadSearch.Query prepare(CurrentUser user, LeadFilter filter) {
        return search.query(user, filter);
    }

    /**
     * Writes the leads to the stream. Runs after the request's handler returned (on another thread), so it opens
     * its own transaction of the organization.
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
            tenancy.runAs(user.organizationId(),
                    () -> audit.recordBy(user.userId(), "lead.exported", "lead", null, null, details));
        }
    }

    private void csv(LeadSearch.Query query, OutputStream out, AtomicLong rows) {
        try {
            CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.DEFAULT);
            printer.printRecord(ExportColumns.names());
            search.stream(query, CHUNK, chunk -> {
                try {
                    for (LeadView lead : chunk) {
                        printer.printRecord(ExportColumns.texts(lead));
                    }
                    printer.flush();
                    rows.addAndGet(chunk.size());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
