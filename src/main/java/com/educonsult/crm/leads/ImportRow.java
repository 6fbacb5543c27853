package com.educonsult.crm.leads;

import com.educonsult.crm.jooq.tables.records.LeadsRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One data row of an import file: read as the API reads a lead (validated, phones E.164, emails lower case), then
 * given its outcome by the batch it belongs to.
 */
final class ImportRow {

    enum Outcome { CREATED, UPDATED, SKIPPED, FAILED }

    /** The file's row number: the header is row 1. */
    final int number;
    final List<String> cells;
    /** The fields the row gives, normalized; a field not set was not given. */
    final LeadsRecord values;
    /** The row's custom values, checked against the form. */
    final Map<String, Object> custom;
    /** The status of a lead the row creates: the row's own or the default. */
    final LeadStatus status;
    /** Why the row cannot create a lead (a required custom field is empty), though it may change one; or null. */
    final String missingForNewLead;

    Outcome outcome;
    String failure;
    /** The lead the row creates (its new id) or changes. */
    UUID leadId;
    /** The live lead the row is a duplicate of (skipped or changing it), or null. */
    UUID duplicateOfLead;
    /** The earlier row of the file the row is a duplicate of (skipped or changing its lead), or null. */
    Integer duplicateOfRow;
    /** Later rows of the batch folded into the lead this row creates (they change it). */
    final List<ImportRow> followers = new ArrayList<>();

    private ImportRow(int number, List<String> cells, LeadsRecord values, Map<String, Object> custom,
            LeadStatus status, String missingForNewLead, String failure) {
        this.number = number;
        this.cells = cells;
        this.values = values;
        this.custom = custom;
        this.status = status;
        this.missingForNewLead = missingForNewLead;
        this.failure = failure;
        this.outcome = failure == null ? null : Outcome.FAILED;
    }

    static ImportRow read(int number, List<String> cells, LeadsRecord values, Map<String, Object> custom,
            LeadStatus status, String missingForNewLead) {
        return new ImportRow(number, cells, values, custom, status, missingForNewLead, null);
    }

    static ImportRow rejected(int number, List<String> cells, String reason) {
        return new ImportRow(number, cells, null, Map.of(), null, null, reason);
    }

    boolean valid() {
        return outcome != Outcome.FAILED;
    }

    void fail(String reason) {
        outcome = Outcome.FAILED;
        failure = reason;
    }
}
