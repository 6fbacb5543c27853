package com.educonsult.crm.web.settings;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Small readings of submitted settings forms shared by the pipeline and content pages. */
public final class SettingsForms {

    private SettingsForms() {
    }

    /** The page again after a change, with what changed said at its top. */
    public static String redirect(String path, String notice) {
        return "redirect:" + path + (path.contains("?") ? "&" : "?") + "notice="
                + URLEncoder.encode(notice, StandardCharsets.UTF_8);
    }

    /** A notice from the address, when it is one a page could have written (short, plain). */
    public static String notice(String notice) {
        return notice == null || notice.length() > 200 ? null : notice;
    }

    public static String text(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public static boolean ticked(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value != null && !value.isBlank() && !value.equals("false");
    }

    /** A whole number when the text is one; otherwise the text itself, for the request's type check to refuse. */
    public static Object number(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException notWhole) {
            return value;
        }
    }

    public static List<UUID> ids(List<String> values) {
        List<UUID> ids = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                try {
                    ids.add(UUID.fromString(value.trim()));
                } catch (IllegalArgumentException notAnId) {
                    // a control the page did not render: ignored
                }
            }
        }
        return ids;
    }

    /** Items separated by commas or new lines, trimmed, without empties. */
    public static List<String> items(String value) {
        List<String> items = new ArrayList<>();
        if (value != null) {
            for (String item : value.split("[,\\n]")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        return items;
    }

    /** A code suggested by a name: "Visa approved" → visa_approved, for a code left empty. */
    public static String codeOf(String name) {
        if (name == null) {
            return null;
        }
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (plain.isEmpty()) {
            return null;
        }
        if (!Character.isLetter(plain.charAt(0))) {
            plain = "f_" + plain;
        }
        return plain.length() > 50 ? plain.substring(0, 50) : plain;
    }

    /** Shows the page again with the messages beside the fields and what was typed, answered as refused. */
    public static void refused(HttpServletResponse response, Model model, HttpStatus status, Map<String, String> errors,
            MultiValueMap<String, String> form) {
        response.setStatus(status.value());
        model.addAttribute("errors", errors);
        model.addAttribute("typed", form.toSingleValueMap());
        model.addAttribute("typedAll", form);
    }

    /** A merge patch of the values as given: a null value clears its field, as an emptied control means. */
    public static JsonNode patch(JsonMapper json, Map<String, Object> values) {
        ObjectNode body = json.createObjectNode();
        values.forEach((field, value) -> {
            if (value == null) {
                body.putNull(field);
            } else {
                body.set(field, json.valueToTree(value));
            }
        });
        return body;
    }

    /**
     * The start of a day typed as 2026-12-31, in the organization's zone; a day that is not a date puts a message
     * for its field into the errors and gives null. Blank gives null.
     */
    public static java.time.OffsetDateTime startOfDay(String day, java.time.ZoneId zone, String field,
            Map<String, String> errors) {
        if (day == null || day.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(day.trim()).atStartOfDay(zone).toOffsetDateTime();
        } catch (java.time.format.DateTimeParseException wrong) {
            errors.put(field, "must be a date such as 2026-12-31");
            return null;
        }
    }

    /** The value trimmed, or null when blank. */
    /** Days typed from and to, both inclusive, as a half-open range of times in the zone; a wrong one is an error. */
    public record DayRange(java.time.OffsetDateTime from, java.time.OffsetDateTime until) {
    }

    public static DayRange dayRange(String fromDay, String toDay, java.time.ZoneId zone, Map<String, String> errors) {
        java.time.OffsetDateTime from = startOfDay(fromDay, zone, "from", errors);
        java.time.OffsetDateTime until = startOfDay(toDay, zone, "to", errors);
        if (until != null) {
            until = until.plusDays(1);
        }
        if (from != null && until != null && !from.isBefore(until)) {
            errors.put("to", "must be on or after the first day");
        }
        return new DayRange(from, until);
    }

    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
