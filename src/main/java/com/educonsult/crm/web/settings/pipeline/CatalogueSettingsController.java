package com.educonsult.crm.web.settings.pipeline;

import com.educonsult.crm.web.settings.SettingsForms;
import com.educonsult.crm.catalog.CatalogRequests;
import com.educonsult.crm.catalog.Countries;
import com.educonsult.crm.catalog.Courses;
import com.educonsult.crm.catalog.Institutions;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.web.support.Forms;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalogue students ask about: courses and institutions, searched and paged, added, changed and
 * deactivated through the catalog module; and the fixed ISO list of countries, searchable, for reference.
 */
@Controller
class CatalogueSettingsController {

    static final String PAGE = "/settings/catalogue";
    static final int PAGE_SIZE = 20;
    static final List<String> TABS = List.of("courses", "institutions", "countries");

    /** The list's state as the address holds it. */
    public record Params(String tab, String q, int page) {
        public String tabPath() {
            return PAGE + "?tab=" + tab;
        }
    }

    private final Courses courses;
    private final Institutions institutions;
    private final Countries countries;
    private final Forms forms;
    private final JsonMapper json;
    private final Tenancy tenancy;

    CatalogueSettingsController(Courses courses, Institutions institutions, Countries countries, Forms forms,
            JsonMapper json, Tenancy tenancy) {
        this.courses = courses;
        this.institutions = institutions;
        this.countries = countries;
        this.forms = forms;
        this.json = json;
        this.tenancy = tenancy;
    }

    @GetMapping(PAGE)
    @RequiresPermission("catalog:write")
    String page(@RequestParam(required = false) String tab, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, @RequestParam(required = false) UUID edit,
            @RequestParam(required = false) String notice, Model model) {
        model.addAttribute("notice", SettingsForms.notice(notice));
        model.addAttribute("errors", Map.of());
        return show(model, new Params(tab != null && TABS.contains(tab) ? tab : "courses", q == null ? "" : q.trim(),
                Math.max(0, page)), edit);
    }

    @PostMapping(PAGE + "/courses")
    @RequiresPermission("catalog:write")
    String createCourse(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        CurrentUser me = Authenticated.user();
        Forms.Read<CatalogRequests.CreateCourse> read = forms.read(forms.jsonOf(courseFields(form)),
                CatalogRequests.CreateCourse.class);
        Params back = new Params("courses", "", 0);
        if (!read.valid()) {
            return refused(response, model, HttpStatus.UNPROCESSABLE_CONTENT, read.errors(), form, back, null);
        }
        try {
            var created = tenancy.callAs(me.organizationId(), () -> courses.create(me.organizationId(), read.request()));
            return SettingsForms.redirect(back.tabPath(), "Course “" + created.name() + "” added at "
                    + created.institution().name() + ".");
        } catch (ApiException refused) {
            return refused(response, model, refused.status(), Forms.errorsOf(refused), form, back, null);
        }
    }

    @PostMapping(PAGE + "/courses/{id}")
    @RequiresPermission("catalog:write")
    String updateCourse(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
            HttpServletResponse response, Model model) {
        CurrentUser me = Authenticated.user();
        Map<String, Object> fields = courseFields(form);
        fields.put("active", SettingsForms.ticked(form, "active"));
        for (String required : List.of("institution_id", "name", "level", "currency")) {
            if (fields.get(required) == null) {
                fields.remove(required);
            }
        }
        fields.putIfAbsent("intakes", List.of());
        Forms.Read<CatalogRequests.UpdateCourse> read = forms.read(SettingsForms.patch(json, fields),
                CatalogRequests.UpdateCourse.class);
        Params back = new Params("courses", "", 0);
        if (!read.valid()) {
            return refused(response, model, HttpStatus.UNPROCESSABLE_CONTENT, read.errors(), form, back, id);
        }
        try {
            var saved = tenancy.callAs(me.organizationId(),
                    () -> courses.update(me.organizationId(), id, read.request(), read.patch()));
            return SettingsForms.redirect(back.tabPath(), "Course “" + saved.name() + "” saved.");
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            return refused(response, model, refused.status(), Forms.errorsOf(refused), form, back, id);
        }
    }

    @PostMapping(PAGE + "/courses/{id}/active")
    @RequiresPermission("catalog:write")
    String courseActive(@PathVariable UUID id, @RequestParam boolean active) {
        CurrentUser me = Authenticated.user();
        var change = new CatalogRequests.UpdateCourse(null, null, null, null, null, null, null, null, null, null,
                active);
        var saved = tenancy.callAs(me.organizationId(), () -> courses.update(me.organizationId(), id, change,
                com.educonsult.crm.platform.web.MergePatch.nullKeeps()));
        return SettingsForms.redirect(PAGE + "?tab=courses", "Course “" + saved.name() + "” "
                + (active ? "is offered again." : "deactivated: it is no longer suggested to leads."));
    }

    @PostMapping(PAGE + "/institutions")
    @RequiresPermission("catalog:write")
    String createInstitution(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response,
            Model model) {
        CurrentUser me = Authenticated.user();
        Forms.Read<CatalogRequests.CreateInstitution> read = forms.read(forms.jsonOf(institutionFields(form)),
                CatalogRequests.CreateInstitution.class);
        Params back = new Params("institutions", "", 0);
        if (!read.valid()) {
            return refused(response, model, HttpStatus.UNPROCESSABLE_CONTENT, read.errors(), form, back, null);
        }
        try {
            var created = tenancy.callAs(me.organizationId(),
                    () -> institutions.create(me.organizationId(), read.request()));
            return SettingsForms.redirect(back.tabPath(), "Institution “" + created.name() + "” added.");
        } catch (ApiException refused) {
            return refused(response, model, refused.status(), Forms.errorsOf(refused), form, back, null);
        }
    }

    @PostMapping(PAGE + "/institutions/{id}")
    @RequiresPermission("catalog:write")
    String updateInstitution(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
            HttpServletResponse response, Model model) {
        CurrentUser me = Authenticated.user();
        Map<String, Object> fields = institutionFields(form);
        fields.put("active", SettingsForms.ticked(form, "active"));
        for (String required : List.of("name", "country_code", "type")) {
            if (fields.get(required) == null) {
                fields.remove(required);
            }
        }
        Forms.Read<CatalogRequests.UpdateInstitution> read = forms.read(SettingsForms.patch(json, fields),
                CatalogRequests.UpdateInstitution.class);
        Params back = new Params("institutions", "", 0);
        if (!read.valid()) {
            return refused(response, model, HttpStatus.UNPROCESSABLE_CONTENT, read.errors(), form, back, id);
        }
        try {
            var saved = tenancy.callAs(me.organizationId(),
                    () -> institutions.update(me.organizationId(), id, read.request(), read.patch()));
            return SettingsForms.redirect(back.tabPath(), "Institution “" + saved.name() + "” saved.");
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            return refused(response, model, refused.status(), Forms.errorsOf(refused), form, back, id);
        }
    }

    @PostMapping(PAGE + "/institutions/{id}/active")
    @RequiresPermission("catalog:write")
    String institutionActive(@PathVariable UUID id, @RequestParam boolean active) {
        CurrentUser me = Authenticated.user();
        var change = new CatalogRequests.UpdateInstitution(null, null, null, null, null, null, null, null, null,
                active);
        var saved = tenancy.callAs(me.organizationId(), () -> institutions.update(me.organizationId(), id, change,
                com.educonsult.crm.platform.web.MergePatch.nullKeeps()));
        return SettingsForms.redirect(PAGE + "?tab=institutions", "Institution “" + saved.name() + "” "
                + (active ? "is active again." : "deactivated."));
    }

    private static Map<String, Object> courseFields(MultiValueMap<String, String> form) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("institution_id", SettingsForms.text(form, "institution_id"));
        fields.put("name", SettingsForms.text(form, "name"));
        fields.put("level", SettingsForms.text(form, "level"));
        fields.put("field", SettingsForms.text(form, "field"));
        fields.put("duration_months", SettingsForms.text(form, "duration_months"));
        fields.put("fee", SettingsForms.text(form, "fee"));
        fields.put("currency", SettingsForms.text(form, "currency"));
        List<String> intakes = SettingsForms.items(form.getFirst("intakes"));
        fields.put("intakes", intakes.isEmpty() ? null : intakes);
        fields.put("application_deadline", SettingsForms.text(form, "application_deadline"));
        return fields;
    }

    private static Map<String, Object> institutionFields(MultiValueMap<String, String> form) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", SettingsForms.text(form, "name"));
        fields.put("country_code", SettingsForms.text(form, "country_code"));
        fields.put("city", SettingsForms.text(form, "city"));
        fields.put("type", SettingsForms.text(form, "type"));
        fields.put("ranking", SettingsForms.text(form, "ranking"));
        fields.put("website", SettingsForms.text(form, "website"));
        fields.put("is_partner", SettingsForms.ticked(form, "is_partner"));
        return fields;
    }

    private String show(Model model, Params params, UUID edit) {
        CurrentUser me = Authenticated.user();
        PageRequest paging = PageRequest.of(PAGE_SIZE, params.page() * PAGE_SIZE);
        String search = params.q().isEmpty() ? null : params.q();
        tenancy.runAs(me.organizationId(), () -> {
            switch (params.tab()) {
                case "institutions" -> {
                    Page<Institutions.InstitutionView> found = institutions.list(me.organizationId(),
                            new Institutions.Filter(null, null, search, false, null), paging);
                    model.addAttribute("institutions", found.items());
                    model.addAttribute("total", found.total());
                    model.addAttribute("editing", edit == null ? null : institutions.get(me.organizationId(), edit));
                    model.addAttribute("countries", countries.list(null, false));
                }
                case "countries" -> {
                    var all = countries.list(search, false);
                    model.addAttribute("countries", all.stream().skip(paging.offset()).limit(paging.limit()).toList());
                    model.addAttribute("total", (long) all.size());
                }
                default -> {
                    Page<Courses.CourseView> found = courses.list(me.organizationId(), new Courses.Filter(null, null,
                            null, null, null, null, null, search, false, null), paging);
                    model.addAttribute("courses", found.items());
                    model.addAttribute("total", found.total());
                    model.addAttribute("editing", edit == null ? null : courses.get(me.organizationId(), edit));
                    model.addAttribute("institutionChoices", institutions.list(me.organizationId(),
                            new Institutions.Filter(null, null, null, false, null), PageRequest.of(200, 0)).items());
                }
            }
        });
        model.addAttribute("params", params);
        model.addAttribute("hasNext", model.getAttribute("total") instanceof Long total
                && (long) (params.page() + 1) * PAGE_SIZE < total);
        model.addAttribute("levels", List.of(CatalogRequests.COURSE_LEVELS.split("\\|")));
        model.addAttribute("institutionTypes", List.of(CatalogRequests.INSTITUTION_TYPES.split("\\|")));
        return "settings/catalogue";
    }

    private String refused(HttpServletResponse response, Model model, HttpStatus status, Map<String, String> errors,
            MultiValueMap<String, String> form, Params params, UUID edit) {
        SettingsForms.refused(response, model, status, errors, form);
        return show(model, params, edit);
    }
}
