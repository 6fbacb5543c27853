package com.educonsult.crm.leads;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The dry run of an import: how the file's columns map to lead fields and what its first rows would do. */
@Schema(description = "What importing the file would do, without importing it: the file's columns, the mapping "
        + "used (the one sent, else the organization's earlier choices for these columns and the headers' own "
        + "names), the fields a column may fill, and the outcome of each of the first rows under the duplicate "
        + "policy. mapping_problem says what keeps the mapping from being imported (no rows are checked then)")
public record ImportPreview(List<String> columns, Map<String, String> mapping, List<String> fields, int totalRows,
        String duplicatePolicy, String mappingProblem, List<Row> rows, Counts counts) {

    /** One previewed row: create, update, skip (a duplicate left as it is) or fail, with why. */
    @Schema(name = "ImportPreviewRow", description = "row is the file's row number (the header is row 1); "
            + "duplicate_of_lead is the live lead the row repeats, duplicate_of_row an earlier row of the file")
    public record Row(int row, List<String> cells, String outcome, String reason, UUID duplicateOfLead,
            Integer duplicateOfRow) {
    }

    /** How many of the previewed rows each outcome has. */
    @Schema(name = "ImportPreviewCounts")
    public record Counts(int create, int update, int skip, int fail) {
    }
}
