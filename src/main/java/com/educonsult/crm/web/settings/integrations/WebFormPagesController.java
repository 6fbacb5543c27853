package com.educonsult.crm.web.settings.integrations;

import com.educonsult.crm.integrations.WebForms;
import com.educonsult.crm.leads.LeadForm;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.web.settings.SettingsForms;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Website, Google Ads and portal forms: the list, and a builder per form (fields, mapping, origins, honeypot,
 * captcha, limits, thank-you) with the snippet to copy, a live preview of the real script and the recent
 * submissions. Every rule is the forms service's; its refusals are shown beside the fields they name.
 */
@Controller
class WebFormPagesController {

    static final String AREA = "/settings/integrations/forms";
    /** Empty field rows offered below a form's fields, for adding new ones. */
    static final int SPARE_ROWS = 3;

    /** A field row of the builder as the page shows it. */
    public record Row(int index, String name, String label, String type, boolean required, String mapsTo,
            String options) {
    }

    private final WebForms forms;
    private final LeadForm leadForm;
    private final JsonMapper json;

    WebFormPagesController(WebForms forms, LeadForm leadForm, JsonMapper json) {
        this.forms = forms;
        this.leadForm = leadForm;
        this.json = json;
    }

    @GetMapping(AREA)
    @RequiresPermission("settings:manage")
    String list(@RequestParam(required = false) String notice, Model model) {
        model.addAttribute("notice", SettingsForms.notice(notice));
        model.addAttribute("forms", forms.list(organizationId()));
        model.addAttribute("errors", Map.of());
        model.addAttribute("typed", Map.of());
        return "settings/integrations/forms-list";
    }

    @PostMapping(AREA)
    @RequiresPermission("settings:manage")
    String create(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        String name = SettingsForms.text(form, "name");
        String kind = SettingsForms.text(form, "kind");
        try {
            WebForms.FormView created = forms.create(Authenticated.user(), new WebForms.FormRequest(name, kind, null,
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
            if (created.googleKey() != null) {
                model.addAttribute("generatedGoogleKey", created.googleKey());
                model.addAttribute("notice", "The form is ready. Copy its Google key now: it is not shown again.");
                return builder(created, Map.of(), null, model);
            }
            return SettingsForms.redirect(AREA + "/" + created.id(), "The form is ready. Add it to your site with "
                    + "the snippet below.");
        } catch (ApiException refused) {
            SettingsForms.refused(response, model, refused.status(), errors(refused), form);
            model.addAttribute("forms", forms.list(organizationId()));
            return "settings/integrations/forms-list";
        }
    }

    @GetMapping(AREA + "/{id}")
    @RequiresPermission("settings:manage")
    String edit(@PathVariable UUID id, @RequestParam(required = false) String notice, Model model) {
        model.addAttribute("notice", SettingsForms.notice(notice));
        return builder(forms.get(organizationId(), id), Map.of(), null, model);
    }

    @PostMapping(AREA + "/{id}")
    @RequiresPermission("settings:manage")
    String save(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, HttpServletResponse response,
            Model model) {
        WebForms.FormView current = forms.get(organizationId(), id);
        JsonNode patch = SettingsForms.patch(json, values(current, form));
        try {
            forms.update(organizationId(), id, json.treeToValue(patch, WebForms.FormRequest.class),
                    MergePatch.of(patch));
        } catch (ApiException refused) {
            response.setStatus(refused.status() == HttpStatus.NOT_FOUND ? 404
                    : HttpStatus.UNPROCESSABLE_CONTENT.value());
            return builder(current, rowsRenumbered(errors(refused), filledRows(form)), form, model);
        }
        return SettingsForms.redirect(AREA + "/" + id, "Saved. Pages that embed the form show the change within a "
                + "few minutes.");
    }

    @PostMapping(AREA + "/{id}/rotate-key")
    @RequiresPermission("settings:manage")
    String rotateKey(@PathVariable UUID id) {
        forms.rotateKey(organizationId(), id);
        return SettingsForms.redirect(AREA + "/" + id, "The form has a new key: replace the snippet on your pages.");
    }

    @PostMapping(AREA + "/{id}/delete")
    @RequiresPermission("settings:manage")
    String delete(@PathVariable UUID id) {
        WebForms.FormView form = forms.get(organizationId(), id);
        forms.delete(organizationId(), id);
        return SettingsForms.redirect(AREA, form.name() + " is deleted. Its leads stay.");
    }

    private String builder(WebForms.FormView form, Map<String, String> errors, MultiValueMap<String, String> typed,
            Model model) {
        model.addAttribute("form", form);
        model.addAttribute("snippet", forms.snippet(form));
        model.addAttribute("errors", errors);
        model.addAttribute("rows", typed == null ? rows(form) : typedRows(typed, form));
        model.addAttribute("typed", typed == null ? Map.of() : typed.toSingleValueMap());
        model.addAttribute("targets", targets());
        model.addAttribute("fieldTypes", List.of(WebForms.FIELD_TYPES.split("\\|")));
        model.addAttribute("mappingText", typed == null ? mappingText(form.fieldMapping())
                : typed.getFirst("field_mapping"));
        model.addAttribute("originsText", typed == null ? String.join("\n", form.allowedOrigins())
                : typed.getFirst("allowed_origins"));
        model.addAttribute("submissions", forms.submissions(organizationId(), form.id(), 20));
        return "settings/integrations/forms-builder";
    }

    // --- reading the builder's form

    private Map<String, Object> values(WebForms.FormView current, MultiValueMap<String, String> form) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", SettingsForms.text(form, "name"));
        values.put("active", SettingsForms.ticked(form, "active"));
        if (current.kind().equals("website")) {
            values.put("fields", fields(form));
            values.put("allowed_origins", SettingsForms.items(SettingsForms.text(form, "allowed_origins")));
            values.put("honeypot_field", SettingsForms.text(form, "honeypot_field"));
            values.put("captcha_provider", SettingsForms.text(form, "captcha_provider"));
            values.put("captcha_site_key", SettingsForms.text(form, "captcha_site_key"));
            String secret = SettingsForms.text(form, "captcha_secret_key");
            if (secret != null) {
                values.put("captcha_secret_key", secret);
            }
            values.put("thank_you_url", SettingsForms.text(form, "thank_you_url"));
            values.put("thank_you_message", SettingsForms.text(form, "thank_you_message"));
        }
        if (current.kind().equals("google_ads")) {
            String key = SettingsForms.text(form, "google_key");
            if (key != null) {
                values.put("google_key", key);
            }
        }
        values.put("field_mapping", mapping(SettingsForms.text(form, "field_mapping")));
        values.put("rate_limit_per_ip", SettingsForms.number(SettingsForms.text(form, "rate_limit_per_ip")));
        values.put("rate_limit_per_form", SettingsForms.number(SettingsForms.text(form, "rate_limit_per_form")));
        values.put("default_source", SettingsForms.text(form, "default_source"));
        values.put("default_tags", SettingsForms.items(SettingsForms.text(form, "default_tags")));
        return values;
    }

    /** The page's row of each field sent: empty rows are left out of the request. */
    private static List<Integer> filledRows(MultiValueMap<String, String> form) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; form.containsKey("fields[" + i + "].name"); i++) {
            if (SettingsForms.text(form, "fields[" + i + "].name") != null
                    || SettingsForms.text(form, "fields[" + i + "].label") != null) {
                rows.add(i);
            }
        }
        return rows;
    }

    /** A refusal of the n-th field sent, named by the page's row it came from. */
    private static Map<String, String> rowsRenumbered(Map<String, String> errors, List<Integer> rows) {
        Map<String, String> renumbered = new LinkedHashMap<>();
        java.util.regex.Pattern field = java.util.regex.Pattern.compile("fields\\[(\\d+)](.*)");
        errors.forEach((name, message) -> {
            java.util.regex.Matcher m = field.matcher(name);
            int n = m.matches() ? Integer.parseInt(m.group(1)) : -1;
            if (n >= 0 && n < rows.size()) {
                String column = switch (m.group(2)) {
                    case ".name" -> "Name ";
                    case ".label" -> "Label ";
                    case ".type" -> "Type ";
                    case ".maps_to" -> "Fills: ";
                    case ".options" -> "Options ";
                    default -> "";
                };
                renumbered.put("fields[" + rows.get(n) + "]" + m.group(2), column + message);
            } else {
                renumbered.put(name, message);
            }
        });
        return renumbered;
    }

    private static List<Map<String, Object>> fields(MultiValueMap<String, String> form) {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String prefix = "fields[" + i + "].";
            if (!form.containsKey(prefix + "name")) {
                break;
            }
            String name = SettingsForms.text(form, prefix + "name");
            String label = SettingsForms.text(form, prefix + "label");
            if (name == null && label == null) {
                continue;
            }
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("name", name != null ? name : SettingsForms.codeOf(label));
            field.put("label", label != null ? label : name);
            field.put("type", SettingsForms.text(form, prefix + "type"));
            field.put("required", SettingsForms.ticked(form, prefix + "required"));
            field.put("maps_to", SettingsForms.text(form, prefix + "maps_to"));
            List<String> options = SettingsForms.items(SettingsForms.text(form, prefix + "options"));
            field.put("options", options.isEmpty() ? null : options);
            fields.add(field);
        }
        return fields;
    }

    /** "incoming = lead field" lines; a line without "=" is refused by the service as an unknown target. */
    private static Map<String, String> mapping(String text) {
        Map<String, String> mapping = new LinkedHashMap<>();
        if (text != null) {
            for (String line : text.split("\\n")) {
                if (line.isBlank()) {
                    continue;
                }
                int eq = line.lastIndexOf('=');
                mapping.put(eq < 0 ? line.trim() : line.substring(0, eq).trim(),
                        eq < 0 ? "" : line.substring(eq + 1).trim());
            }
        }
        return mapping;
    }

    private static String mappingText(Map<String, String> mapping) {
        StringBuilder text = new StringBuilder();
        mapping.forEach((from, to) -> text.append(from).append(" = ").append(to).append('\n'));
        return text.toString();
    }

    private static List<Row> rows(WebForms.FormView form) {
        List<Row> rows = new ArrayList<>();
        for (WebForms.Field f : form.fields()) {
            rows.add(new Row(rows.size(), f.name(), f.label(), f.type(), Boolean.TRUE.equals(f.required()),
                    f.mapsTo(), f.options() == null ? "" : String.join(", ", f.options())));
        }
        int used = rows.size();
        IntStream.range(0, SPARE_ROWS).forEach(i -> rows.add(new Row(used + i, "", "", "text", false, null, "")));
        return rows;
    }

    private static List<Row> typedRows(MultiValueMap<String, String> form, WebForms.FormView current) {
        if (!current.kind().equals("website")) {
            return rows(current);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; form.containsKey("fields[" + i + "].name"); i++) {
            String prefix = "fields[" + i + "].";
            rows.add(new Row(i, nz(form.getFirst(prefix + "name")), nz(form.getFirst(prefix + "label")),
                    nz(form.getFirst(prefix + "type")), SettingsForms.ticked(form, prefix + "required"),
                    form.getFirst(prefix + "maps_to"), nz(form.getFirst(prefix + "options"))));
        }
        return rows;
    }

    private List<String> targets() {
        List<String> targets = new ArrayList<>(WebForms.LEAD_TARGETS);
        for (LeadForm.FormField custom : leadForm.definition(organizationId())) {
            targets.add(WebForms.CUSTOM_FIELD_PREFIX + custom.key());
        }
        return targets;
    }

    /**
     * The service's refusals by the page's control names. The submitted rows skip empty ones, so a row's index in
     * the refusal is the n-th filled row; the page numbers rows the same way once saved, and the message says which.
     */
    private static Map<String, String> errors(ApiException refused) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError error : refused.errors()) {
            String field = error.field();
            String message = error.message();
            if (field.startsWith("field_mapping.")) {
                message = field.substring("field_mapping.".length()) + ": " + message;
                field = "field_mapping";
            } else if (field.startsWith("allowed_origins[")) {
                message = "Line " + (Integer.parseInt(field.replaceAll("\\D", "")) + 1) + " " + message;
                field = "allowed_origins";
            } else if (field.startsWith("allowed_origins")) {
                field = "allowed_origins";
            } else if (field.startsWith("default_tags")) {
                field = "default_tags";
            }
            errors.merge(field, message, (a, b) -> a + "; " + b);
        }
        if (errors.isEmpty()) {
            errors.put("form", refused.getMessage());
        }
        return errors;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    private static UUID organizationId() {
        return Authenticated.user().organizationId();
    }
}
