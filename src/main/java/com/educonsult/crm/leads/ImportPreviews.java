package com.educonsult.crm.leads;

import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * The dry run of an import: the file read and checked as the import would read it, its first rows given the
 * outcomes the import's merge would give them, nothing written. Without a mapping, the organization's earlier
 * choices for the same columns are offered.
 */
@Service
public class ImportPreviews {

    static final int DEFAULT_ROWS = 20;
    static final int MAX_ROWS = 100;

    private final Tenancy tenancy;
    private final ImportRows reader;
    private final ImportMerge merge;
    private final ImportColumnChoices choices;
    private final LeadForm form;
    private final Imports imports;

    ImportPreviews(Tenancy tenancy, ImportRows reader, ImportMerge merge, ImportColumnChoices choices, LeadForm form,
            Imports imports) {
        this.tenancy = tenancy;
        this.reader = reader;
        this.merge = merge;
        this.choices = choices;
        this.form = form;
        this.imports = imports;
    }

    /** The preview of the file's first {@code rows} rows (20 by default, at most 100); 422 naming the field. */
    public ImportPreview preview(CurrentUser user, MultipartFile file, String mapping, String duplicatePolicy,
            Integer rows) {
        String policy = Imports.policy(duplicatePolicy);
        int limit = rows == null ? DEFAULT_ROWS : rows;
        if (limit < 1 || limit > MAX_ROWS) {
            throw ApiException.invalid("rows", "must be between 1 and " + MAX_ROWS);
        }
        ImportFiles.Summary summary = Imports.summary(file);
        List<List<String>> sample = firstRows(file, limit);
        Map<String, String> given = mapping == null || mapping.isBlank() ? null : imports.parse(mapping);
        return tenancy.callAs(user.organizationId(), () -> {
            var customKeys = form.fieldsByKey(user.organizationId()).keySet();
            ImportMapping columns = ImportMapping.chosen(given != null ? given
                    : choices.suggest(user.organizationId(), summary.header(), customKeys), summary.header());
            List<String> fields = fields(customKeys);
            if (!columns.named()) {
                return new ImportPreview(summary.header(), columns.columns(), fields, summary.rows(), policy,
                        ImportMapping.NO_NAME, List.of(), new ImportPreview.Counts(0, 0, 0, 0));
            }
            List<ImportRow> read = read(user, columns, summary.header(), sample);
            merge.resolveOnly(new ImportMerge.Batch(user.organizationId(), null, user, policy, null), read);
            List<ImportPreview.Row> previewed = read.stream().map(ImportPreviews::row).toList();
            return new ImportPreview(summary.header(), columns.columns(), fields, summary.rows(), policy, null,
                    previewed, counts(previewed));
        });
    }

    private List<ImportRow> read(CurrentUser user, ImportMapping columns, List<String> header,
            List<List<String>> sample) {
        ImportRows.Context context = reader.context(user.organizationId(), columns);
        List<ImportRow> read = new ArrayList<>(sample.size());
        for (int i = 0; i < sample.size(); i++) {
            read.add(reader.read(context, header, i + 2, sample.get(i)));
        }
        return read;
    }

    private static List<List<String>> firstRows(MultipartFile file, int limit) {
        List<List<String>> sample = new ArrayList<>(limit);
        try (ImportFiles.Rows rows = ImportFiles.open(Imports.input(file))) {
            rows.next();
            while (rows.hasNext() && sample.size() < limit) {
                sample.add(rows.next());
            }
        }
        return sample;
    }

    private static List<String> fields(java.util.Set<String> customKeys) {
        return Stream.concat(Stream.concat(Stream.of(ImportMapping.FULL_NAME), ImportMapping.FIELDS.stream()),
                customKeys.stream().sorted().map(key -> ImportMapping.CUSTOM + key)).toList();
    }

    private static ImportPreview.Row row(ImportRow row) {
        String outcome = row.outcome == null ? "fail" : switch (row.outcome) {
            case CREATED -> "create";
            case UPDATED -> "update";
            case SKIPPED -> "skip";
            case FAILED -> "fail";
        };
        String reason = row.outcome == ImportRow.Outcome.FAILED ? row.failure
                : row.outcome == ImportRow.Outcome.SKIPPED ? "a duplicate: left as it is" : null;
        return new ImportPreview.Row(row.number, row.cells, outcome.toLowerCase(Locale.ROOT), reason,
                row.duplicateOfLead, row.duplicateOfRow);
    }

    private static ImportPreview.Counts counts(List<ImportPreview.Row> rows) {
        return new ImportPreview.Counts(count(rows, "create"), count(rows, "update"), count(rows, "skip"),
                count(rows, "fail"));
    }

    private static int count(List<ImportPreview.Row> rows, String outcome) {
        return (int) rows.stream().filter(r -> r.outcome().equals(outcome)).count();
    }
}
