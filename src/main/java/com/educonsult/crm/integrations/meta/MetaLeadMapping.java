package com.educonsult.crm.integrations.meta;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * How the answers of a Meta lead form become lead fields: each question's key maps to a lead field, to a custom
 * field ({@code custom_fields.<key>}) or to nothing ({@code ignore}). A question the form's mapping does not name
 * follows the default for Meta's standard questions (full name, first and last name, phone, email, city, state,
 * country, date of birth, gender...); any other answer is kept in the lead's source details, never lost.
 */
final class MetaLeadMapping {

    static final String IGNORE = "ignore";
    static final String CUSTOM = "custom_fields.";

    /** Lead fields a question can fill, in the order the mapping editor offers them. */
    static final List<String> LEAD_FIELDS = List.of("full_name", "first_name", "last_name", "phone",
            "secondary_phone", "email", "city", "state", "country", "gender", "date_of_birth", "student_name",
            "parent_name", "parent_phone", "current_education", "current_institution", "stream", "graduation_year",
            "intake_preference", "interested_courses", "preferred_countries", "preferred_institutions");

    private static final Set<String> LIST_FIELDS = Set.of("interested_courses", "preferred_countries",
            "preferred_institutions");

    /** Meta's standard questions and the lead field each fills unless the form says otherwise. */
    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("full_name", "full_name"), Map.entry("first_name", "first_name"),
            Map.entry("last_name", "last_name"), Map.entry("phone_number", "phone"), Map.entry("phone", "phone"),
            Map.entry("email", "email"), Map.entry("city", "city"), Map.entry("state", "state"),
            Map.entry("province", "state"), Map.entry("country", "country"),
            Map.entry("date_of_birth", "date_of_birth"), Map.entry("dob", "date_of_birth"),
            Map.entry("gender", "gender"));

    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("MM/dd/yyyy"), DateTimeFormatter.ofPattern("dd/MM/yyyy"));

    private MetaLeadMapping() {
    }

    /** Whether a mapping target is one a question may have. */
    static boolean validTarget(String target, Set<String> customFieldKeys) {
        return IGNORE.equals(target) || LEAD_FIELDS.contains(target)
                || (target.startsWith(CUSTOM) && customFieldKeys.contains(target.substring(CUSTOM.length())));
    }

    /** The target of a question: the form's mapping, else the default, else null (kept in the source details). */
    static String targetOf(String question, Map<String, String> mapping) {
        if (mapping != null && mapping.containsKey(question)) {
            return mapping.get(question);
        }
        return DEFAULTS.get(question);
    }

    /** What the answers say: lead fields by wire name, custom fields, and the answers no field took. */
    record Mapped(Map<String, Object> fields, Map<String, Object> customFields, List<String> unmapped) {
    }

    static Mapped map(JsonNode fieldData, Map<String, String> mapping) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Object> custom = new LinkedHashMap<>();
        List<String> unmapped = new ArrayList<>();
        if (fieldData != null && fieldData.isArray()) {
            for (JsonNode answer : fieldData) {
                String question = answer.path("name").asString("");
                List<String> values = new ArrayList<>();
                answer.path("values").forEach(v -> {
                    String text = v.asString("").trim();
                    if (!text.isEmpty()) {
                        values.add(text);
                    }
                });
                if (question.isBlank() || values.isEmpty()) {
                    continue;
                }
                String value = String.join(", ", values);
                String target = targetOf(question, mapping);
                if (IGNORE.equals(target)) {
                    continue;
                }
                if (target == null) {
                    unmapped.add(question + ": " + value);
                } else if (target.startsWith(CUSTOM)) {
                    custom.put(target.substring(CUSTOM.length()), value);
                } else if (target.equals("full_name")) {
                    String[] parts = value.split("\\s+", 2);
                    fields.putIfAbsent("first_name", parts[0]);
                    if (parts.length > 1) {
                        fields.putIfAbsent("last_name", parts[1]);
                    }
                } else if (LIST_FIELDS.contains(target)) {
                    fields.put(target, Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                            .toList());
                } else if (target.equals("graduation_year")) {
                    try {
                        fields.put(target, Integer.parseInt(value.replaceAll("\\D", "")));
                    } catch (NumberFormatException e) {
                        unmapped.add(question + ": " + value);
                    }
                } else if (target.equals("date_of_birth")) {
                    LocalDate date = date(value);
                    if (date == null) {
                        unmapped.add(question + ": " + value);
                    } else {
                        fields.put(target, date.toString());
                    }
                } else {
                    fields.put(target, value);
                }
            }
        }
        return new Mapped(fields, custom, unmapped);
    }

    private static LocalDate date(String value) {
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(value, format);
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        return null;
    }
}
