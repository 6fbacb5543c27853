package com.educonsult.crm.leads;

import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.JsonNames;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which CSV column fills which lead field: given by the client (column to field) or found from the headers
 * (field names and common aliases, ignoring case, spaces and punctuation). {@code full_name} is split into first
 * and last name; {@code custom_fields.<key>} fills a custom field.
 */
record ImportMapping(Map<String, String> columns) {

    static final String FULL_NAME = "full_name";
    static final String CUSTOM = "custom_fields.";

    /** The fields a row may fill: what a client writes through the API, less what an import decides itself. */
    static final Set<String> FIELDS = fields();

    static final Set<String> LIST_FIELDS = Arrays.stream(LeadRequest.class.getRecordComponents())
            .filter(c -> List.class.isAssignableFrom(c.getType()))
            .map(c -> JsonNames.snakeCase(c.getName())).collect(Collectors.toUnmodifiableSet());

    private static final Map<String, String> ALIASES = aliases();

    /** The client's mapping, checked against the header row; 422 naming {@code mapping}. */
    static ImportMapping given(Map<String, String> mapping, List<String> header) {
        return checked(chosen(mapping, header), "mapping");
    }

    /**
     * The client's mapping, checked against the header row but not yet for a name column (a mapping being chosen);
     * 422 naming {@code mapping}.
     */
    static ImportMapping chosen(Map<String, String> mapping, List<String> header) {
        Map<String, String> columns = new LinkedHashMap<>();
        mapping.forEach((column, field) -> {
            if (!header.contains(column)) {
                throw ApiException.invalid("mapping", "column '" + column + "' is not in the file's header");
            }
            if (field == null || field.isBlank()) {
                return;
            }
            String target = field.trim();
            if (!known(target)) {
                throw ApiException.invalid("mapping", "'" + target + "' is not a lead field");
            }
            if (columns.containsValue(target)) {
                throw ApiException.invalid("mapping", "more than one column maps to " + target);
            }
            columns.put(column, target);
        });
        return new ImportMapping(columns);
    }

    /** The mapping found from the header row; 422 naming {@code file} when no column gives a name. */
    static ImportMapping fromHeader(List<String> header) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String column : header) {
            String field = ALIASES.get(normalized(column));
            if (field != null && !columns.containsValue(field)) {
                columns.put(column, field);
            }
        }
        return checked(new ImportMapping(columns), "file");
    }

    static final String NO_NAME = "no column gives the lead's name: map one to first_name or full_name";

    private static ImportMapping checked(ImportMapping mapping, String field) {
        if (!mapping.named()) {
            throw ApiException.invalid(field, NO_NAME);
        }
        return mapping;
    }

    boolean named() {
        return columns.containsValue("first_name") || columns.containsValue(FULL_NAME);
    }

    /** The field a column's header names by itself (a field name or a common alias), or null. */
    static String fieldNamedBy(String column) {
        return ALIASES.get(normalized(column));
    }

    /** Whether a field name is one a column may fill (custom fields not checked against the form). */
    static boolean isField(String field) {
        return known(field);
    }

    /** The API body of one row: blank cells left out, lists split on ; , or |, a full name split in two. */
    Map<String, Object> body(List<String> header, List<String> values) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> custom = new LinkedHashMap<>();
        for (int i = 0; i < header.size() && i < values.size(); i++) {
            String field = columns.get(header.get(i));
            String value = values.get(i) == null ? "" : values.get(i).trim();
            if (field == null || value.isEmpty() || (header.indexOf(header.get(i)) != i)) {
                continue;
            }
            if (field.startsWith(CUSTOM)) {
                custom.put(field.substring(CUSTOM.length()), value);
            } else if (field.equals(FULL_NAME)) {
                String[] parts = value.split("\\s+", 2);
                body.putIfAbsent("first_name", parts[0]);
                if (parts.length > 1) {
                    body.putIfAbsent("last_name", parts[1]);
                }
            } else if (LIST_FIELDS.contains(field)) {
                body.put(field, Arrays.stream(value.split("[;,|]")).map(String::trim).filter(s -> !s.isEmpty())
                        .toList());
            } else {
                body.put(field, value);
            }
        }
        if (!custom.isEmpty()) {
            body.put("custom_fields", custom);
        }
        return body;
    }

    private static boolean known(String field) {
        return FIELDS.contains(field) || field.equals(FULL_NAME)
                || (field.startsWith(CUSTOM) && field.length() > CUSTOM.length());
    }

    private static Set<String> fields() {
        Set<String> excluded = Set.of("assigned_to", "allow_duplicate", "custom_fields");
        return Arrays.stream(LeadRequest.class.getRecordComponents()).map(RecordComponent::getName)
                .map(JsonNames::snakeCase).filter(name -> !excluded.contains(name))
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private static Map<String, String> aliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        FIELDS.forEach(field -> aliases.put(normalized(field), field));
        alias(aliases, FULL_NAME, "name", "full name", "lead name", "student full name", "contact name");
        alias(aliases, "first_name", "first", "fname", "given name", "forename");
        alias(aliases, "last_name", "last", "lname", "surname", "family name");
        alias(aliases, "phone", "mobile", "mobile number", "mobile no", "phone number", "phone no", "contact number",
                "contact no", "telephone", "cell", "whatsapp", "whatsapp number");
        alias(aliases, "secondary_phone", "alternate phone", "alternate number", "alt phone", "other phone");
        alias(aliases, "email", "e-mail", "email address", "e-mail address", "mail");
        alias(aliases, "interested_courses", "course", "courses", "interested course");
        alias(aliases, "preferred_countries", "preferred country", "countries", "destination");
        alias(aliases, "tags", "tag", "labels");
        alias(aliases, "date_of_birth", "dob", "birth date", "birthday");
        alias(aliases, "source_details", "source detail");
        return Map.copyOf(aliases);
    }

    private static void alias(Map<String, String> aliases, String field, String... names) {
        for (String name : names) {
            aliases.put(normalized(name), field);
        }
    }

    static String normalized(String column) {
        return column.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }
}
