package com.educonsult.crm.web.transfer;

import com.educonsult.crm.leads.ImportPreview;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** The import preview as the wizard shows it: a choice per column, and the first rows by what they would do. */
record ImportWizardView(ImportPreview preview, String header, List<Column> columns, List<Option> fields,
        List<String> mappedNames, List<Row> rows) {

    /** A column of the file: its header, the field it fills ("" left out) and its first value, as an example. */
    record Column(int index, String name, String field, String example) {
    }

    record Option(String value, String label) {
    }

    /** A previewed row: what it would do, why, and the values of the mapped columns. */
    record Row(int number, String outcome, String label, String reason, UUID duplicateOfLead, Integer duplicateOfRow,
            List<String> values) {
    }

    static ImportWizardView of(ImportPreview preview, JsonMapper json) {
        List<String> header = preview.columns();
        List<String> firstRow = preview.rows().isEmpty() ? List.of() : preview.rows().getFirst().cells();
        List<Column> columns = new ArrayList<>();
        List<Integer> mapped = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String field = preview.mapping().getOrDefault(header.get(i), "");
            columns.add(new Column(i, header.get(i), field, i < firstRow.size() ? firstRow.get(i) : ""));
            if (!field.isEmpty()) {
                mapped.add(i);
            }
        }
        List<Option> fields = preview.fields().stream().map(f -> new Option(f, label(f))).toList();
        List<String> mappedNames = mapped.stream().map(i -> label(preview.mapping().get(header.get(i)))).toList();
        List<Row> rows = preview.rows().stream().map(r -> new Row(r.row(), r.outcome(), outcomeLabel(r.outcome()),
                r.reason(), r.duplicateOfLead(), r.duplicateOfRow(),
                mapped.stream().map(i -> i < r.cells().size() ? r.cells().get(i) : "").toList())).toList();
        return new ImportWizardView(preview, json.writeValueAsString(header), columns, fields, mappedNames, rows);
    }

    /** A field's name as a person reads it: "Phone", "Full name", "Custom: passport number". */
    static String label(String field) {
        boolean custom = field.startsWith("custom_fields.");
        String words = (custom ? field.substring("custom_fields.".length()) : field).replace('_', ' ');
        String sentence = words.isEmpty() ? words : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
        return custom ? "Custom: " + words : sentence.replace("Utm ", "UTM ").replace(" id", " ID");
    }

    private static String outcomeLabel(String outcome) {
        return switch (outcome) {
            case "create" -> "New lead";
            case "update" -> "Updates a lead";
            case "skip" -> "Duplicate, skipped";
            default -> "Error";
        };
    }

    public boolean canImport() {
        return preview.mappingProblem() == null;
    }
}
