package com.educonsult.crm.web.settings.pipeline;

import com.educonsult.crm.web.settings.SettingsForms;
import com.educonsult.crm.leads.LeadForm;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.web.support.Forms;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The lead form's custom fields: added, changed, removed and reordered. The leads module keeps the form as one
 * definition, so every change here sends the whole definition with the one change applied, as the API's PUT does;
 * its checks (unique keys, options for choices) come back beside the edited field.
 */
@Controller
class LeadFormSettingsController {

    static final String PAGE = "/settings/lead-form";
    static final List<String> TYPES = List.of(LeadForm.TYPES.split("\\|"));
    private static final Pattern FIELD_ERROR = Pattern.compile("fields\\[(\\d+)]\\.(\\w+)");

    /** A type as the editor offers it. */
    public record TypeChoice(String code, String label) {
    }

    static final List<TypeChoice> TYPE_CHOICES = TYPES.stream().map(t -> new TypeChoice(t, switch (t) {
        case "text" -> "Text";
        case "number" -> "Number";
        case "date" -> "Date";
        case "select" -> "One choice from a list";
        case "multiselect" -> "Several choices from a list";
        case "phone" -> "Phone number";
        case "email" -> "Email address";
        case "boolean" -> "Yes or no";
        default -> t;
    })).toList();

    private final LeadForm leadForm;
    private final Forms forms;
    private final Tenancy tenancy;

    LeadFormSettingsController(LeadForm leadForm, Forms forms, Tenancy tenancy) {
        this.leadForm = leadForm;
        this.forms = forms;
        this.tenancy = tenancy;
    }

    @GetMapping(PAGE)
    @RequiresPermission("settings:manage")
    String page(@RequestParam(required = false) String edit, @RequestParam(required = false) String notice,
            @RequestParam(required = false) String moved, @RequestParam(required = false) String direction,
            Model model) {
        model.addAttribute("notice", SettingsForms.notice(notice));
        model.addAttribute("errors", Map.of());
        model.addAttribute("moved", moved);
        model.addAttribute("movedDirection", "up".equals(direction) ? "up" : "down");
        return show(model, edit);
    }

    /** Adds a field at the end, or (with {@code editing}) changes the field of that key. */
    @PostMapping(PAGE)
    @RequiresPermission("settings:manage")
    String save(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        CurrentUser me = Authenticated.user();
        String editing = SettingsForms.text(form, "editing");
        String label = SettingsForms.text(form, "label");
        String key = SettingsForms.text(form, "key");
        String type = SettingsForms.text(form, "type");
        boolean choice = "select".equals(type) || "multiselect".equals(type);
        List<String> options = choice ? SettingsForms.items(form.getFirst("options")) : null;
        LeadForm.FormField field = new LeadForm.FormField(key != null ? key : SettingsForms.codeOf(label), label,
                type, SettingsForms.ticked(form, "required"), options, null);
        Map<String, String> errors = new LinkedHashMap<>();
        forms.check(field).forEach((name, message) -> errors.putIfAbsent(name.replaceAll("\\[.*", ""), message));
        if (!errors.isEmpty()) {
            return refused(response, model, HttpStatus.UNPROCESSABLE_CONTENT, errors, form, editing);
        }
        try {
            tenancy.runAs(me.organizationId(), () -> {
                List<LeadForm.FormField> fields = new ArrayList<>(current(me));
                int at = editing == null ? -1 : indexOf(fields, editing);
                if (editing != null && at < 0) {
                    throw ApiException.notFound("Field");
                }
                if (at < 0) {
                    fields.add(field);
                } else {
                    fields.set(at, field);
                }
                replace(me, fields, at < 0 ? fields.size() - 1 : at);
            });
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            return refused(response, model, refused.status(), Forms.errorsOf(refused), form, editing);
        }
        return SettingsForms.redirect(PAGE, "Field “" + field.label() + "” saved. It shows on the New lead page "
                + "and in each lead's profile.");
    }

    @PostMapping(PAGE + "/{key}/delete")
    @RequiresPermission("settings:manage")
    String remove(@PathVariable String key) {
        CurrentUser me = Authenticated.user();
        String label = tenancy.callAs(me.organizationId(), () -> {
            List<LeadForm.FormField> fields = new ArrayList<>(current(me));
            int at = indexOf(fields, key);
            if (at < 0) {
                throw ApiException.notFound("Field");
            }
            LeadForm.FormField removed = fields.remove(at);
            replace(me, fields, -1);
            return removed.label();
        });
        return SettingsForms.redirect(PAGE, "Field “" + label + "” removed. Values leads already have are kept "
                + "but no longer shown.");
    }

    @PostMapping(PAGE + "/{key}/move")
    @RequiresPermission("settings:manage")
    String move(@PathVariable String key, @RequestParam String direction) {
        CurrentUser me = Authenticated.user();
        boolean up = "up".equals(direction);
        tenancy.runAs(me.organizationId(), () -> {
            List<LeadForm.FormField> fields = new ArrayList<>(current(me));
            int at = indexOf(fields, key);
            if (at < 0) {
                throw ApiException.notFound("Field");
            }
            int to = up ? at - 1 : at + 1;
            if (to >= 0 && to < fields.size()) {
                fields.add(to, fields.remove(at));
                replace(me, fields, -1);
            }
        });
        return SettingsForms.redirect(PAGE + "?moved=" + key + "&direction=" + (up ? "up" : "down"),
                "Field moved " + (up ? "up." : "down."));
    }

    @PostMapping(PAGE + "/order")
    @RequiresPermission("settings:manage")
    String order(@RequestParam(name = "keys", required = false) List<String> keys) {
        CurrentUser me = Authenticated.user();
        tenancy.runAs(me.organizationId(), () -> {
            List<LeadForm.FormField> fields = current(me);
            List<LeadForm.FormField> ordered = new ArrayList<>();
            if (keys != null) {
                keys.forEach(k -> fields.stream().filter(f -> f.key().equals(k) && !ordered.contains(f))
                        .findFirst().ifPresent(ordered::add));
            }
            fields.stream().filter(f -> !ordered.contains(f)).forEach(ordered::add);
            replace(me, ordered, -1);
        });
        return SettingsForms.redirect(PAGE, "New order saved.");
    }

    private List<LeadForm.FormField> current(CurrentUser me) {
        return leadForm.definition(me.organizationId());
    }

    /**
     * Saves the fields in their list order; a refusal about the field at {@code edited} is keyed by the editor's
     * control names, one about another field names that field.
     */
    private void replace(CurrentUser me, List<LeadForm.FormField> fields, int edited) {
        List<LeadForm.FormField> positioned = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            LeadForm.FormField f = fields.get(i);
            positioned.add(new LeadForm.FormField(f.key(), f.label(), f.type(), f.required(), f.options(), i * 10));
        }
        try {
            leadForm.replace(me.organizationId(), new LeadForm.Definition(positioned));
        } catch (ApiException refused) {
            List<com.educonsult.crm.platform.web.FieldError> errors = new ArrayList<>();
            refused.errors().forEach(e -> {
                Matcher m = FIELD_ERROR.matcher(e.field());
                if (m.matches() && Integer.parseInt(m.group(1)) == edited) {
                    errors.add(new com.educonsult.crm.platform.web.FieldError(m.group(2), e.message()));
                } else if (m.matches()) {
                    errors.add(new com.educonsult.crm.platform.web.FieldError("form", "The field “"
                            + fields.get(Integer.parseInt(m.group(1))).label() + "” " + m.group(2) + " " + e.message()));
                } else {
                    errors.add(e);
                }
            });
            throw new ApiException(refused.status(), refused.getMessage(), errors);
        }
    }

    private static int indexOf(List<LeadForm.FormField> fields, String key) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private String show(Model model, String edit) {
        CurrentUser me = Authenticated.user();
        List<LeadForm.FormField> fields = tenancy.callAs(me.organizationId(), () -> current(me));
        model.addAttribute("fields", fields);
        model.addAttribute("types", TYPE_CHOICES);
        Map<String, String> typeLabels = new LinkedHashMap<>();
        TYPE_CHOICES.forEach(t -> typeLabels.put(t.code(), t.label()));
        model.addAttribute("typeLabels", typeLabels);
        LeadForm.FormField editing = edit == null ? null : fields.stream().filter(f -> f.key().equals(edit))
                .findFirst().orElseThrow(() -> ApiException.notFound("Field"));
        model.addAttribute("editing", editing);
        return "settings/lead-form";
    }

    private String refused(HttpServletResponse response, Model model, HttpStatus status, Map<String, String> errors,
            MultiValueMap<String, String> form, String editing) {
        SettingsForms.refused(response, model, status, errors, form);
        return show(model, editing);
    }
}
