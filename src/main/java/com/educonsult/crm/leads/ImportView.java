package com.educonsult.crm.leads;

import com.educonsult.crm.jooq.tables.records.LeadImportsRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** A lead import as the API shows it: where it is, and what it did with the rows so far. */
@Schema(description = "A lead import. processed_rows counts the rows of the batches done so far; "
        + "has_error_report tells whether GET /api/v1/imports/{id}/errors gives the rejected rows; undo_until is "
        + "when POST /api/v1/imports/{id}/undo stops being possible (set once the import has finished), undone_at "
        + "when it was undone")
public record ImportView(UUID id, String status, String fileName, Map<String, String> mapping, String duplicatePolicy,
        String source, int totalRows, int processedRows, int createdCount, int updatedCount, int skippedCount,
        int failedCount, boolean hasErrorReport, String error, UUID createdBy, OffsetDateTime createdAt,
        OffsetDateTime startedAt, OffsetDateTime finishedAt, OffsetDateTime undoUntil, OffsetDateTime undoneAt) {

    static ImportView of(LeadImportsRecord r, Map<String, String> mapping) {
        return new ImportView(r.getId(), r.getStatus(), r.getFileName(), mapping, r.getDuplicatePolicy(),
                r.getSource(), r.getTotalRows(), r.getProcessedRows(), r.getCreatedCount(), r.getUpdatedCount(),
                r.getSkippedCount(), r.getFailedCount(), r.getErrorReportKey() != null, r.getError(),
                r.getCreatedBy(), r.getCreatedAt(), r.getStartedAt(), r.getFinishedAt(),
                r.getFinishedAt() == null ? null : r.getFinishedAt().plus(ImportUndo.WINDOW), r.getUndoneAt());
    }
}
