package com.educonsult.crm.web;

import com.educonsult.crm.leads.LeadForm;
import com.educonsult.crm.leads.LeadRequest;
import com.educonsult.crm.web.support.Forms;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lead form's custom fields on the console's lead forms: each is a control named {@code custom_fields.<key>},
 * so the leads module's refusals (named the same) show beside it. Values go to the API's request as it reads them
 * from JSON: numbers as numbers, yes/no as true/false, several choices as a list; an emptied control clears.
 */
@Component
class CustomFieldForms {

    static final String PREFIX = "custom_fields.";

    private final JsonMapper json;
    private final Forms forms;

    CustomFieldForms(JsonMapper json, Forms forms) {
        this.json = json;
        this.forms = forms;
    }

    /**
     * The form read into a lead request: the named fields as {@link Forms#read} reads them, plus the custom fields.
     * With {@code clearEmpty}, an emptied text clears its field (a profile change); without, it is left out.
     */
    Forms.Read<LeadRequest> read(MultiValueMap<String, String> form, List<String> fields, Set<String> lists,
            List<LeadForm.FormField> definition, boolean clearEmpty) {
        ObjectNode body = json.createObjectNode();
        for (String field : fields) {
            if (!form.containsKey(field)) {
                continue;
            }
            String value = form.getFirst(field) == null ? "" : form.getFirst(field).trim();
            if (value.isEmpty()) {
                if (clearEmpty) {
                    body.putNull(field);
                }
            } else if (lists.contains(field)) {
                var array = body.putArray(field);
                for (String item : value.split(",")) {
                    if (!item.isBlank()) {
                        array.add(item.trim());
                    }
                }
            } else {
                body.put(field, value);
            }
        }
        Map<String, Object> custom = values(form, definition, clearEmpty);
        if (!custom.isEmpty()) {
            ObjectNode customBody = body.putObject("custom_fields");
            custom.forEach((key, value) -> {
                if (value == null) {
                    customBody.putNull(key);
                } else {
                    customBody.set(key, json.valueToTree(value));
                }
            });
        }
        return forms.read(body, LeadRequest.class);
    }

    private static Map<String, Object> values(MultiValueMap<String, String> form, List<LeadForm.FormField> definition,
            boolean clearEmpty) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (LeadForm.FormField field : definition) {
            String name = PREFIX + field.key();
            if (!form.containsKey(name) && !form.containsKey(name + ".present")) {
                continue;
            }
            Object value = switch (field.type()) {
                case "multiselect" -> {
                    List<String> chosen = new ArrayList<>();
                    List<String> ticked = form.get(name);
                    if (ticked != null) {
                        ticked.stream().filter(v -> v != null && !v.isBlank()).forEach(chosen::add);
                    }
                    yield chosen.isEmpty() ? null : chosen;
                }
                case "boolean" -> {
                    String answer = form.getFirst(name);
                    yield "true".equals(answer) ? Boolean.TRUE : "false".equals(answer) ? Boolean.FALSE : null;
                }
                case "number" -> {
                    String text = blankToNull(form.getFirst(name));
                    if (text == null) {
                        yield null;
                    }
                    try {
                        yield new BigDecimal(text.replace(",", ""));
                    } catch (NumberFormatException notANumber) {
                        yield text; // refused by the leads module as "must be a number", beside the field
                    }
                }
                default -> blankToNull(form.getFirst(name));
            };
            if (value != null || clearEmpty) {
                values.put(field.key(), value);
            }
        }
        return values;
    }

    /** A lead's custom value as a control shows it (several choices as a list, others as text). */
    static String shown(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof Boolean yes) {
            return yes ? "Yes" : "No";
        }
        return String.valueOf(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
